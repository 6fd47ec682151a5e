using System.Globalization;
using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.BitbucketDataCenter;

/// <summary>
/// <c>?limit=&amp;start=</c> paging: follow <c>nextPageStart</c> until <c>isLastPage</c>. Some servers (and recorded
/// fixtures) say "not last" without <c>nextPageStart</c>; then the next page starts after this one.
/// </summary>
internal static class BitbucketDataCenterPagination
{
    public const int Limit = 100;

    public static async Task<(List<T> Items, int? NextStart, ApiResponse Response)> GetPageAsync<T>(
        ApiTransport api, string path, int start, CancellationToken cancellationToken)
    {
        char join = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        Uri url = api.Api($"{path}{join}limit={Limit}&start={start.ToString(CultureInfo.InvariantCulture)}");
        ApiResponse response = await api.GetAsync(url, cancellationToken).ConfigureAwait(false);
        BitbucketDataCenterPageDto<T> page = api.Read<BitbucketDataCenterPageDto<T>>(response, ProviderJson.CamelCase);
        int? next = page.IsLastPage || page.Values.Count == 0
            ? null
            : page.NextPageStart ?? page.Start + page.Values.Count;
        if (next <= start)
        {
            throw api.BadResponse(url, "the next page would start before this one");
        }

        return (page.Values, next, response);
    }

    public static async Task<List<T>> GetAllAsync<T>(ApiTransport api, string path, CancellationToken cancellationToken)
    {
        List<T> all = [];
        int? start = 0;
        for (int i = 0; start is { } s && i < LinkHeaderPagination.MaxPages; i++)
        {
            (List<T> items, int? next, _) = await GetPageAsync<T>(api, path, s, cancellationToken).ConfigureAwait(false);
            all.AddRange(items);
            start = next;
        }

        return all;
    }
}
