using System.Text.Json;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.Poll;
using static IntegrationHub.Providers.Poll.PollJson;

namespace IntegrationHub.Providers.GitHub;

/// <summary>
/// Pull request review comments (on a diff line) of the whole repository, oldest update first from the cursor's time:
/// each one created since watching began is the webhook's <c>pull_request_review_comment</c> created (keyed by comment id).
/// The list is ascending with <c>since</c>, so a walk cut at <see cref="MaxPages"/> resumes from the newest time it read.
/// https://docs.github.com/rest/pulls/comments#list-review-comments-in-a-repository
/// </summary>
internal static class GitHubPollReviewComments
{
    private const int MaxPages = 5;

    public static async Task<PollStreamCursor?> ReadAsync(PollSession s, string repo, PollStreamCursor? cursor, CancellationToken ct)
    {
        DateTimeOffset since = ParseTime(cursor?.Cursor) ?? s.Request.WatchedSince;
        Uri url = s.Api.Api($"{repo}/pulls/comments?sort=updated&direction=asc&per_page=100&since={Uri.EscapeDataString(Time(since))}");
        ApiResponse page = await s.GetAsync(url, cursor?.ETag, ct).ConfigureAwait(false);
        if (page.Status == System.Net.HttpStatusCode.NotModified)
        {
            return null;
        }

        string? etag = page.Headers.ETag?.ToString();
        DateTimeOffset newest = since;
        for (int read = 1; ; read++)
        {
            using (JsonDocument doc = s.Parse(page))
            {
                foreach (JsonElement comment in doc.RootElement.EnumerateArray())
                {
                    newest = Max(newest, comment.Date("updated_at"));
                    Emit(s, comment);
                }
            }

            if (read == MaxPages || LinkHeaderPagination.NextUrl(page.Headers) is not { } next)
            {
                break;
            }

            page = await s.GetAsync(s.Api.CheckedNextUrl(next), null, ct).ConfigureAwait(false);
        }

        // The cursor moves the URL (since=...), so the ETag only helps while nothing changed.
        return new PollStreamCursor(Time(newest), newest == since ? etag : null);
    }

    private static void Emit(PollSession s, JsonElement comment)
    {
        DateTimeOffset? created = comment.Date("created_at");
        string? pullUrl = comment.Text("pull_request_url");
        // Edits bring old comments back into the list (sort=updated): only those created since watching began are news.
        if (created is not { } at || at < s.Request.WatchedSince || pullUrl is null
            || !long.TryParse(pullUrl[(pullUrl.LastIndexOf('/') + 1)..], out long number) || comment.Text("id") is not { } id)
        {
            return;
        }

        // The list names the pull request by its URL only: no title or head.
        s.Add(GitHubCommentEvents.OnDiff(GitHubPollReader.Context(s, GitHubPollReader.Login(comment.Get("user")), at), comment, id, number, pr: null));
    }
}
