namespace IntegrationHub.Live;

/// <summary>What changed, as the database triggers name it (migration 0031): one word per table a page shows.</summary>
public static class LiveTopics
{
    public const string Events = "events";
    public const string Audit = "audit";
    public const string Connections = "connections";
    public const string Hooks = "hooks";
}
