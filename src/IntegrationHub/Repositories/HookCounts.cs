namespace IntegrationHub.Repositories;

/// <summary>How many of a connection's live hooks are in each state.</summary>
public sealed record HookCounts(int Registered, int Pending, int Failed, int Disabled, int WatchedRepositories);
