using IntegrationHub.Data;

namespace IntegrationHub.HookRegistration;

/// <summary>
/// Whether a repository should have the hub's hook: its connection is active and not kept in sync by the poll only, and
/// the repository is watched, present and not archived. <see cref="HookPlanner"/> says the same in SQL for many at once.
/// </summary>
internal static class HookWanted
{
    public static bool For(Connection connection, Repository repository) =>
        connection.Status == ConnectionStatus.Active && connection.SyncMode != SyncModes.PollOnly
        && repository.Watched && repository.Status == "active" && !repository.Archived;
}
