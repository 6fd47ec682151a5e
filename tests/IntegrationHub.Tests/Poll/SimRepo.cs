using IntegrationHub.Providers;

namespace IntegrationHub.Tests.Poll;

/// <summary>A repository known to both the simulator (by <see cref="FullName"/>) and the hub (by its row ids).</summary>
internal sealed record SimRepo(string Provider, ProviderKind Kind, string FullName, Guid RepositoryId, Guid ConnectionId, Guid HookId);
