namespace IntegrationHub.Repositories;

/// <summary>The columns the Repositories list sorts by; ties are broken by full path, then id, so pages never overlap.</summary>
public enum RepositorySort
{
    Name,
    HookState,
    LastDelivery,
    LastPolled,
}
