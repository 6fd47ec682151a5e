using System.Globalization;
using System.Net;
using System.Text.Json;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.Poll;

namespace IntegrationHub.Providers.GitHub;

/// <summary>
/// Commit comments of the whole repository. The list takes no <c>since</c> and runs oldest first, so new comments land on
/// its last page: the cursor keeps the newest comment id handled and the page it sits on (<c>lastId|page</c>), and that
/// page is asked again with its ETag. A full page cannot change when a comment is added after it, so then the cursor
/// moves to the (empty) next page, whose ETag does change. A deleted comment pulls later ones one place back: when the
/// stored page starts past the cursor's id (or is empty), the page before it is read too.
/// https://docs.github.com/rest/commits/comments#list-commit-comments-for-a-repository
/// </summary>
internal static class GitHubPollCommitComments
{
    private const int PerPage = 100;
    private const int MaxPages = 10;

    public static async Task<PollStreamCursor?> ReadAsync(PollSession s, string repo, PollStreamCursor? cursor, CancellationToken ct)
    {
        (long lastId, int pageNo) = Parse(cursor?.Cursor);
        ApiResponse page = await s.GetAsync(PageUrl(s, repo, pageNo), cursor?.ETag, ct).ConfigureAwait(false);
        if (page.Status == HttpStatusCode.NotModified)
        {
            return null;
        }

        long newest = lastId;
        for (int read = 1; ; read++)
        {
            int count = 0;
            long? first = null;
            using (JsonDocument doc = s.Parse(page))
            {
                foreach (JsonElement comment in doc.RootElement.EnumerateArray())
                {
                    count++;
                    long id = comment.Long("id") ?? 0;
                    first ??= id;
                    if (id > lastId)
                    {
                        newest = Math.Max(newest, id);
                        Emit(s, comment);
                    }
                }
            }

            if (read == 1 && pageNo > 1 && (first is null || first > lastId))
            {
                // Deletions may have moved what follows the cursor onto the previous page: read it once, from the top.
                pageNo--;
                page = await s.GetAsync(PageUrl(s, repo, pageNo), null, ct).ConfigureAwait(false);
                continue;
            }

            if (LinkHeaderPagination.NextUrl(page.Headers) is null || read >= MaxPages)
            {
                bool full = count >= PerPage;
                // Only a page with room changes (and so changes its ETag) when a comment is added.
                return new PollStreamCursor(Write(newest, full ? pageNo + 1 : pageNo), full ? null : page.Headers.ETag?.ToString());
            }

            pageNo++;
            page = await s.GetAsync(PageUrl(s, repo, pageNo), null, ct).ConfigureAwait(false);
        }
    }

    private static void Emit(PollSession s, JsonElement comment)
    {
        // The first look starts from the first page: comments older than watching are history, not news.
        if (comment.Date("created_at") is { } at && at >= s.Request.WatchedSince && comment.Text("id") is { } id)
        {
            s.Add(GitHubCommentEvents.OnCommit(GitHubPollReader.Context(s, GitHubPollReader.Login(comment.Get("user")), at), comment, id));
        }
    }

    private static Uri PageUrl(PollSession s, string repo, int page) =>
        s.Api.Api($"{repo}/comments?per_page={PerPage}" + (page > 1 ? $"&page={page.ToString(CultureInfo.InvariantCulture)}" : ""));

    private static (long LastId, int Page) Parse(string? cursor)
    {
        string[] parts = (cursor ?? string.Empty).Split('|');
        long last = long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long id) ? id : 0;
        int page = parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int p) && p > 0 ? p : 1;
        return (last, page);
    }

    private static string Write(long lastId, int page) =>
        string.Create(CultureInfo.InvariantCulture, $"{lastId}|{page}");
}
