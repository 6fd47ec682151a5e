namespace IntegrationHub.Providers.BitbucketCloud;

/// <summary><c>GET /2.0/user</c>. <c>username</c> is gone for most accounts since 2019 (GDPR); <c>nickname</c> replaced it.
/// https://developer.atlassian.com/cloud/bitbucket/rest/api-group-users/#api-user-get</summary>
internal sealed class BitbucketCloudUserDto
{
    public string Uuid { get; init; } = "";
    public string? Username { get; init; }
    public string? Nickname { get; init; }
    public string? AccountId { get; init; }
    public string? DisplayName { get; init; }
}
