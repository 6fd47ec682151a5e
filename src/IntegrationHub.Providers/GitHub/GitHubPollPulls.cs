using System.Globalization;
using System.Net;
using System.Text.Json;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.Poll;
using static IntegrationHub.Providers.Poll.PollJson;

namespace IntegrationHub.Providers.GitHub;

/// <summary>
/// Pull requests, most recently updated first (the list takes no <c>since</c>), down to the cursor's time: opened, updated
/// (its head sha moved since the last look, see <see cref="GitHubPollPullHeads"/>), merged and closed. At most <see cref="MaxPages"/> pages a cycle; a walk that stops there keeps its cursor and resumes at the
/// next page number the following cycle (an update only moves a pull request to the front, so what was not read yet
/// can only move to later pages, never be skipped), and the cursor then jumps to the newest time the first walk saw.
/// Cursor: <c>since</c>, or <c>since|resumePage|newestSeen</c> while a walk is unfinished.
/// https://docs.github.com/rest/pulls/pulls#list-pull-requests
/// </summary>
internal static class GitHubPollPulls
{
    internal const int PerPage = 100;
    internal const int MaxPages = 5;

    public static async Task<PollStreamCursor?> ReadAsync(PollSession s, string repo, PollStreamCursor? cursor,
        GitHubPollPullHeads heads, CancellationToken ct)
    {
        await heads.LoadAsync(s, repo, ct).ConfigureAwait(false);
        var walk = PageWalkCursor.Parse(cursor?.Cursor, s.Request.WatchedSince);
        DateTimeOffset since = walk.Since;
        int pageNo = walk.StartPage;
        // A 304 on page 1 says no pull request changed; it says nothing of the later pages an unfinished walk still owes.
        ApiResponse page = await s.GetAsync(PageUrl(s, repo, pageNo), walk.Resuming ? null : cursor?.ETag, ct).ConfigureAwait(false);
        if (page.Status == HttpStatusCode.NotModified)
        {
            return null;
        }

        string? etag = walk.Resuming ? null : page.Headers.ETag?.ToString();
        DateTimeOffset newest = walk.Newest;
        for (int read = 1; ; read++, pageNo++)
        {
            bool older = false;
            using (JsonDocument doc = s.Parse(page))
            {
                foreach (JsonElement pr in doc.RootElement.EnumerateArray())
                {
                    DateTimeOffset updated = pr.Date("updated_at") ?? DateTimeOffset.MinValue;
                    if (updated < since)
                    {
                        older = true;
                        break;
                    }

                    newest = Max(newest, updated);
                    Emit(s, pr, updated, heads);
                }
            }

            if (older || LinkHeaderPagination.NextUrl(page.Headers) is null)
            {
                return new PollStreamCursor(PageWalkCursor.Finished(newest), etag);
            }

            if (read == MaxPages)
            {
                // Not done: nothing past what was read may be taken as seen.
                return new PollStreamCursor(walk.Unfinished(pageNo + 1, newest), null);
            }

            page = await s.GetAsync(PageUrl(s, repo, pageNo + 1), null, ct).ConfigureAwait(false);
        }
    }

    private static void Emit(PollSession s, JsonElement pr, DateTimeOffset updated, GitHubPollPullHeads heads)
    {
        if (pr.Long("number") is not { } number)
        {
            return;
        }

        string? page = pr.Text("base.repo.html_url");
        if (pr.Date("created_at") >= s.Request.WatchedSince)
        {
            s.Add(GitHubPullRequestEvents.Opened(GitHubPollReader.Context(s, GitHubPollReader.Login(pr.Get("user")), updated, page), pr, number));
        }

        // Keyed by the new head, as the webhook's synchronize is; the pusher is not in the list, so no actor.
        if (heads.See(number, pr.Text("head.sha"), pr.Text("state") == "open") is not null && pr.Text("head.sha") is { } head)
        {
            s.Add(GitHubPullRequestEvents.Updated(GitHubPollReader.Context(s, null, updated, page), pr, number, head));
        }

        if (pr.Date("closed_at") is not null)
        {
            s.Add(GitHubPullRequestEvents.Closed(GitHubPollReader.Context(s, GitHubPollReader.Login(pr.Get("merged_by") ?? pr.Get("user")), updated, page),
                pr, number, Merged(pr)));
        }
    }

    /// <summary>Page-number paging, as GitHub's own Link header gives for this list; built here so a walk can resume.</summary>
    private static Uri PageUrl(PollSession s, string repo, int page) =>
        s.Api.Api($"{repo}/pulls?state=all&sort=updated&direction=desc&per_page={PerPage}" + (page > 1 ? $"&page={page.ToString(CultureInfo.InvariantCulture)}" : ""));

    /// <summary>The list omits <c>merged</c>; <c>merged_at</c> says it.</summary>
    private static bool Merged(JsonElement pr) =>
        pr.Get("merged") is { } merged ? merged.ValueKind == JsonValueKind.True : pr.Get("merged_at") is not null;
}
