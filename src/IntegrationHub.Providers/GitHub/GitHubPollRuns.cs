using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.Poll;
using static IntegrationHub.Providers.Poll.PollJson;

namespace IntegrationHub.Providers.GitHub;

/// <summary>
/// Completed workflow runs, newest first (the list takes no <c>since</c>), page after page while a page still holds runs
/// updated since the cursor's time. At most <see cref="MaxPages"/> pages a cycle; a walk cut there keeps its cursor and
/// resumes at the next page number the following cycle (new runs only push older ones to later pages), as
/// <see cref="GitHubPollPulls"/> does. Cursor: <c>since</c>, or <c>since|resumePage|newestSeen</c> while unfinished.
/// https://docs.github.com/rest/actions/workflow-runs#list-workflow-runs-for-a-repository
/// </summary>
internal static class GitHubPollRuns
{
    internal const int PerPage = 50;
    internal const int MaxPages = 5;

    public static async Task<PollStreamCursor?> ReadAsync(PollSession s, string repo, JsonObject context, PollStreamCursor? cursor, CancellationToken ct)
    {
        (DateTimeOffset since, int resume, DateTimeOffset top) = Parse(cursor?.Cursor, s.Request.WatchedSince);
        int pageNo = Math.Max(1, resume);
        // A 304 on page 1 says the newest runs did not change; it says nothing of the later pages an unfinished walk owes.
        ApiResponse page = await s.GetAsync(PageUrl(s, repo, pageNo), resume > 0 ? null : cursor?.ETag, ct).ConfigureAwait(false);
        if (page.Status == HttpStatusCode.NotModified)
        {
            return null;
        }

        string? etag = resume > 0 ? null : page.Headers.ETag?.ToString();
        DateTimeOffset newest = top;
        for (int read = 1; ; read++, pageNo++)
        {
            bool any = false;
            using (JsonDocument doc = s.Parse(page))
            {
                foreach (JsonElement run in doc.RootElement.Array("workflow_runs"))
                {
                    DateTimeOffset updated = run.Date("updated_at") ?? DateTimeOffset.MinValue;
                    if (updated < since)
                    {
                        continue;
                    }

                    any = true;
                    newest = Max(newest, updated);
                    s.Normalize(GitHubPollReader.Normalizer, "workflow_run", GitHubPollReader.Body(context, run.Get("actor"),
                        ("action", "completed"), ("workflow_run", Copy(run))), updated);
                }
            }

            if (!any || LinkHeaderPagination.NextUrl(page.Headers) is null)
            {
                return new PollStreamCursor(Time(newest), etag);
            }

            if (read == MaxPages)
            {
                return new PollStreamCursor(string.Join('|', Time(since), (pageNo + 1).ToString(CultureInfo.InvariantCulture), Time(newest)), null);
            }

            page = await s.GetAsync(PageUrl(s, repo, pageNo + 1), null, ct).ConfigureAwait(false);
        }
    }

    private static Uri PageUrl(PollSession s, string repo, int page) =>
        s.Api.Api($"{repo}/actions/runs?status=completed&per_page={PerPage}" + (page > 1 ? $"&page={page.ToString(CultureInfo.InvariantCulture)}" : ""));

    private static (DateTimeOffset Since, int Resume, DateTimeOffset Top) Parse(string? cursor, DateTimeOffset watchedSince)
    {
        string[] parts = (cursor ?? string.Empty).Split('|');
        DateTimeOffset since = ParseTime(parts[0]) ?? watchedSince;
        if (parts.Length == 3 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int resume) && ParseTime(parts[2]) is { } top)
        {
            return (since, resume, top);
        }

        return (since, 0, since);
    }
}
