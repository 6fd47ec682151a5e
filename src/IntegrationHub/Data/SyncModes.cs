namespace IntegrationHub.Data;

/// <summary>
/// How a connection is kept in step with its provider (connections.sync_mode). Hook planning reads it (no hooks in
/// <see cref="PollOnly"/>) and so does the poll (no poll in <see cref="WebhooksOnly"/>).
/// </summary>
public static class SyncModes
{
    /// <summary>Webhooks, and the 60-second poll as the safety net for deliveries that never arrive (the default).</summary>
    public const string Hybrid = "hybrid";

    /// <summary>Webhooks only: nothing is polled, so a lost delivery is found only by the provider's redelivery.</summary>
    public const string WebhooksOnly = "webhooks";

    /// <summary>The poll only: no hook is registered at the provider (and the hub's hooks are removed).</summary>
    public const string PollOnly = "poll";

    public static bool IsKnown(string? mode) => mode is Hybrid or WebhooksOnly or PollOnly;
}
