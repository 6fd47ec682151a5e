using IntegrationHub.Data;

namespace IntegrationHub.HookRegistration;

/// <summary>
/// Whether a repository should have the hub's hook: its connection is active and not kept in sync by the poll only, and
/// the repository is watched, present and not archived. An app connection (GitHub App) wants none: the app's one webhook
/// hears every repository of the installation. <see cref="HookPlanner"/> says the same in SQL for many at once.
/// </summary>
internal static class HookWanted
{
    public static bool For(Connection connection, Repository repository) =>
        connection.Status == ConnectionStatus.Active && connection.SyncMode != SyncModes.PollOnly && connection.AuthKind != AuthKinds.GitHubApp
        && repository.Watched && repository.Status == "active" && !repository.Archived;
}
