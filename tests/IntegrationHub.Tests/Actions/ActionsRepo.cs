namespace IntegrationHub.Tests.Actions;

/// <summary>A repository known to the simulator (by <see cref="FullName"/>) and to one tenant of the hub (by its row ids).</summary>
public sealed record ActionsRepo(string Provider, string FullName, string ExternalId, string HubPath, string? ProjectId, string BaseUrl,
    string Token, string User, Guid ConnectionId, Guid RepositoryId);
