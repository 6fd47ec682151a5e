namespace IntegrationHub.Providers.BitbucketDataCenter;

/// <summary>Bitbucket DC's paged envelope. https://developer.atlassian.com/server/bitbucket/rest/v910/intro/#paged-apis</summary>
internal sealed class BitbucketDataCenterPageDto<T>
{
    public List<T> Values { get; init; } = [];
    public bool IsLastPage { get; init; } = true;
    public int? NextPageStart { get; init; }
    public int Start { get; init; }
    public int Size { get; init; }
}
