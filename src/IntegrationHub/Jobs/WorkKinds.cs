namespace IntegrationHub.Jobs;

/// <summary>
/// The work_items kinds discovery and hooks handle. Subjects: <see cref="Discover"/>, <see cref="SyncHooks"/>,
/// <see cref="ReconcileHooks"/> and <see cref="RemoveHooks"/> are per connection (subject null);
/// <see cref="RegisterHook"/> and <see cref="RemoveHook"/> take a repository id; <see cref="RotateSecret"/> a hook id.
/// </summary>
public static class WorkKinds
{
    /// <summary>Walk every repository the connection sees; then plan hooks. Enqueued by connect, refresh and nightly.</summary>
    public const string Discover = "discover";

    /// <summary>Bring every repository's hook of a connection to what the watch settings want.</summary>
    public const string SyncHooks = "sync_hooks";

    /// <summary>Make sure a repository has its hook when watched, and none when not (one handler: they converge).</summary>
    public const string RegisterHook = "register_hook";

    public const string RemoveHook = "remove_hook";

    /// <summary>Remove every hook of a connection at the provider (disconnect: enqueue before revoking the token).</summary>
    public const string RemoveHooks = "remove_hooks";

    /// <summary>Repair hooks deleted, changed or disabled at the provider. Payload: ISO-8601 instant; hooks reconciled since are skipped.</summary>
    public const string ReconcileHooks = "reconcile_hooks";

    public const string RotateSecret = "rotate_secret";

    public static readonly IReadOnlyList<string> DiscoveryKinds = [Discover, SyncHooks, ReconcileHooks, RemoveHooks];

    public static readonly IReadOnlyList<string> HookKinds = [RegisterHook, RemoveHook, RotateSecret];
}
