namespace IntegrationHub.Tests.Hooks;

/// <summary>One tenant's side of a shared repository: its connection, repository row and hook row as registered.</summary>
internal sealed record TenantSide(Guid TenantId, Guid ConnectionId, Guid RepositoryId, Guid HookId, string Url, string ProviderHookId);
