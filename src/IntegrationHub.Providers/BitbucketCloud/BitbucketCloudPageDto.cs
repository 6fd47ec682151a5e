namespace IntegrationHub.Providers.BitbucketCloud;

/// <summary>Bitbucket Cloud's paged envelope: <c>values</c> and, unless last, a <c>next</c> URL.
/// https://developer.atlassian.com/cloud/bitbucket/rest/intro/#pagination</summary>
internal sealed class BitbucketCloudPageDto<T>
{
    public List<T> Values { get; init; } = [];
    public string? Next { get; init; }
}
