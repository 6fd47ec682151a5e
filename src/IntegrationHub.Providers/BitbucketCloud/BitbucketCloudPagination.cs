using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.BitbucketCloud;

/// <summary>Follows the body's <c>next</c> link (checked to stay on the API host).</summary>
internal static class BitbucketCloudPagination
{
    public static async Task<(List<T> Items, string? Next, ApiResponse Response)> GetPageAsync<T>(
        ApiTransport api, Uri url, CancellationToken cancellationToken)
    {
        ApiResponse response = await api.GetAsync(url, cancellationToken).ConfigureAwait(false);
        BitbucketCloudPageDto<T> page = api.Read<BitbucketCloudPageDto<T>>(response, ProviderJson.SnakeCase);
        string? next = string.IsNullOrEmpty(page.Next) ? null : api.CheckedNextUrl(page.Next).AbsoluteUri;
        return (page.Values, next, response);
    }

    public static async Task<List<T>> GetAllAsync<T>(ApiTransport api, Uri first, CancellationToken cancellationToken)
    {
        List<T> all = [];
        Uri? url = first;
        for (int i = 0; url is not null && i < LinkHeaderPagination.MaxPages; i++)
        {
            (List<T> items, string? next, _) = await GetPageAsync<T>(api, url, cancellationToken).ConfigureAwait(false);
            all.AddRange(items);
            url = next is null ? null : new Uri(next);
        }

        return all;
    }
}
