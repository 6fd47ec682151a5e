namespace IntegrationHub.Repositories;

/// <summary>
/// A repository's webhook as the Repositories list filters and shows it. Registered, failed and disabled are the live
/// hook's own status. Pending is every repository that wants a hook (watched, present, not archived, not poll-only) and
/// has no settled one yet, with or without a hook row: the same rule as the pending count on the connection card, so
/// the filter finds exactly the repositories that count says. Removing is a hook on its way out of a repository that no
/// longer wants one; none is no hook and none wanted. App webhook is a repository of a GitHub App connection: the app's
/// one webhook covers it, so it wants no hook of its own.
/// </summary>
public static class RepositoryHookStates
{
    public const string Registered = "registered";
    public const string Pending = "pending";
    public const string Failed = "failed";
    public const string Disabled = "disabled";
    public const string Removing = "removing";
    public const string None = "none";
    public const string AppWebhook = "app-webhook";

    public static readonly IReadOnlyList<string> All = [Registered, Pending, Failed, Disabled, Removing, None, AppWebhook];

    public static bool IsKnown(string? state) => state is not null && All.Contains(state);
}
