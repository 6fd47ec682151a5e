using System.Text.Json;
using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.GitLab;

/// <summary>
/// GitLab pages with a <c>Link</c> header (keyset and offset alike); older or simplified servers may only send
/// <c>X-Next-Page</c> (offset), which is empty on the last page. https://docs.gitlab.com/api/rest/#pagination
/// </summary>
internal static class GitLabPagination
{
    public static async Task<(List<T> Items, string? Next, ApiResponse Response)> GetPageAsync<T>(
        ApiTransport api, Uri url, CancellationToken cancellationToken)
    {
        (List<T> items, string? next, ApiResponse response) =
            await LinkHeaderPagination.GetPageAsync<T>(api, url, ProviderJson.SnakeCase, cancellationToken).ConfigureAwait(false);
        if (next is null && RateLimitSnapshot.ReadLong(response.Headers, "X-Next-Page") is { } page && page > 0)
        {
            next = WithPage(url, page).AbsoluteUri;
        }

        return (items, next, response);
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

    internal static Uri WithPage(Uri url, long page)
    {
        IEnumerable<string> kept = url.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith("page=", StringComparison.Ordinal));
        UriBuilder builder = new(url) { Query = string.Join('&', kept.Append($"page={page}")) };
        return builder.Uri;
    }
}
