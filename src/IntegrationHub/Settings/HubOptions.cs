namespace IntegrationHub.Settings;

/// <summary>Settings under "Hub" (environment: Hub__Name). Every one is listed in the README's Configuration section.</summary>
public sealed class HubOptions
{
    public const string Section = "Hub";

    /// <summary>Apply pending migrations at start (under an advisory lock). Off when a deploy step migrates instead.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Public base URL of the web host, as providers see it; webhook URLs are built on it.</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>How long an invitation link stays valid, in days.</summary>
    public int InvitationDays { get; set; } = 7;

    public WorkerOptions Worker { get; set; } = new();
}
