namespace IntegrationHub.Tests.World;

/// <summary>What a hub process (web or worker, run as its own process) needs to work on the world's database.</summary>
public sealed partial class HubWorld
{
    /// <summary>Environment variables for a hub process: <paramref name="settings"/> plus the world's connection string.</summary>
    public Dictionary<string, string> Env(Dictionary<string, string>? settings = null) =>
        new Dictionary<string, string>(settings ?? new Dictionary<string, string>()) { ["ConnectionStrings__Hub"] = ConnectionString };
}
