namespace IntegrationHub.Tests.Telemetry;

/// <summary>
/// The hub's meter is process-wide: these tests run alone (after every parallel collection), so the traffic they count is
/// their own.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry";
}
