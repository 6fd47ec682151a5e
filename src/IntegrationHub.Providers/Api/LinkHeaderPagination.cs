using System.Net.Http.Headers;
using System.Text.Json;

namespace IntegrationHub.Providers.Api;

/// <summary>
/// RFC 8288 <c>Link</c> header pagination (GitHub, GitLab keyset and offset):
/// <c>&lt;https://api.github.com/user/repos?page=2&gt;; rel="next", &lt;…&gt;; rel="last"</c>.
/// https://docs.github.com/rest/using-the-rest-api/using-pagination-in-the-rest-api
/// </summary>
internal static class LinkHeaderPagination
{
    /// <summary>Guards every "walk all pages" loop against a provider that never stops linking.</summary>
    internal const int MaxPages = 1000;

    /// <summary>One page: the items, and the checked next URL when there is one.</summary>
    public static async Task<(List<T> Items, string? Next, ApiResponse Response)> GetPageAsync<T>(
        ApiTransport api, Uri url, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        ApiResponse response = await api.GetAsync(url, cancellationToken).ConfigureAwait(false);
        List<T> items = api.Read<List<T>>(response, options);
        string? next = NextUrl(response.Headers);
        return (items, next is null ? null : api.CheckedNextUrl(next).AbsoluteUri, response);
    }

    /// <summary>Every page, for short listings (hooks of one repository).</summary>
    public static async Task<List<T>> GetAllAsync<T>(ApiTransport api, Uri first, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        List<T> all = [];
        Uri? url = first;
        for (int page = 0; url is not null && page < MaxPages; page++)
        {
            (List<T> items, string? next, _) = await GetPageAsync<T>(api, url, options, cancellationToken).ConfigureAwait(false);
            all.AddRange(items);
            url = next is null ? null : new Uri(next);
        }

        return all;
    }

    public static string? NextUrl(HttpResponseHeaders headers)
    {
        if (!headers.TryGetValues("Link", out IEnumerable<string>? values))
        {
            return null;
        }

        foreach (string header in values)
        {
            foreach (string part in SplitLinks(header))
            {
                int open = part.IndexOf('<', StringComparison.Ordinal);
                int close = part.IndexOf('>', StringComparison.Ordinal);
                if (open < 0 || close <= open)
                {
                    continue;
                }

                string parameters = part[(close + 1)..];
                if (parameters.Split(';').Any(IsRelNext))
                {
                    return part[(open + 1)..close].Trim();
                }
            }
        }

        return null;
    }

    // Commas separate links, but a URL may itself hold commas (GitHub's affiliation=owner,collaborator), so split
    // only on commas that come after a closing '>'.
    private static IEnumerable<string> SplitLinks(string header)
    {
        int start = 0;
        bool inUrl = false;
        for (int i = 0; i < header.Length; i++)
        {
            char c = header[i];
            if (c == '<')
            {
                inUrl = true;
            }
            else if (c == '>')
            {
                inUrl = false;
            }
            else if (c == ',' && !inUrl)
            {
                yield return header[start..i];
                start = i + 1;
            }
        }

        yield return header[start..];
    }

    private static bool IsRelNext(string parameter)
    {
        string[] pair = parameter.Split('=', 2, StringSplitOptions.TrimEntries);
        return pair.Length == 2 && pair[0].Equals("rel", StringComparison.OrdinalIgnoreCase)
            && pair[1].Trim('"').Split(' ').Contains("next", StringComparer.OrdinalIgnoreCase);
    }
}
