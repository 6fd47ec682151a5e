namespace IntegrationHub.Tests.World;

internal sealed record TestHook(Guid Id, Guid TenantId, Guid ConnectionId, Guid RepositoryId, string Provider, string Secret, string? BasicUsername)
{
    public string Path => $"/hooks/{Provider}/{Id}";
}
