using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.Tests.Normalizers;

/// <summary>What one fixture file must normalize to. Values are read off the fixture by hand, not computed.</summary>
/// <param name="File">Path under the provider's fixture folder.</param>
/// <param name="Event">The event header a delivery of it would carry (null where the body names the event).</param>
/// <param name="RepoId">The repository's stable id, for normalized cases.</param>
/// <param name="RepoPath">The repository's full path.</param>
/// <param name="Actor">The actor's login.</param>
/// <param name="Events">The expected events in order; empty means the delivery is ignored.</param>
internal sealed record FixtureCase(string File, string? Event, string? RepoId, string? RepoPath, string? Actor, params (EventKind Kind, string Key)[] Events)
{
    /// <summary>A fixture the hub does not normalize; its reason must contain this text.</summary>
    public static FixtureCase Ignored(string file, string? eventName, string reasonContains) =>
        new(file, eventName, null, null, null) { IgnoredBecause = reasonContains };

    public string? IgnoredBecause { get; init; }
}
