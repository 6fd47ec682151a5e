namespace IntegrationHub.Repositories;

/// <summary>What the connection panel shows: the connection, its hook counts, and the hooks that failed.</summary>
public sealed record ConnectionPanelState(ConnectionSummary Connection, HookCounts Counts, IReadOnlyList<RepositoryRow> FailedHooks);
