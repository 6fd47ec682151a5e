namespace IntegrationHub.Providers.BitbucketDataCenter;

/// <summary><c>GET /rest/api/1.0/users/{userSlug}</c>.</summary>
internal sealed class BitbucketDataCenterUserDto
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public string? DisplayName { get; init; }
}
