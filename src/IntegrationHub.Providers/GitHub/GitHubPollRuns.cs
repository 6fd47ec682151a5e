using System.Globalization;
using System.Net;
using System.Text.Json;
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

    public static async Task<PollStreamCursor?> ReadAsync(PollSession s, string repo, PollStreamCursor? cursor, CancellationToken ct)
    {
        var walk = PageWalkCursor.Parse(cursor?.Cursor, s.Request.WatchedSince);
        DateTimeOffset since = walk.Since;
        int pageNo = walk.StartPage;
        // A 304 on page 1 says the newest runs did not change; it says nothing of the later pages an unfinished walk owes.
        ApiResponse page = await s.GetAsync(PageUrl(s, repo, pageNo), walk.Resuming ? null : cursor?.ETag, ct).ConfigureAwait(false);
        if (page.Status == HttpStatusCode.NotModified)
        {
            return null;
        }

        string? etag = walk.Resuming ? null : page.Headers.ETag?.ToString();
        DateTimeOffset newest = walk.Newest;
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
                    Emit(s, run, updated);
                }
            }

            if (!any || LinkHeaderPagination.NextUrl(page.Headers) is null)
            {
                return new PollStreamCursor(PageWalkCursor.Finished(newest), etag);
            }

            if (read == MaxPages)
            {
                return new PollStreamCursor(walk.Unfinished(pageNo + 1, newest), null);
            }

            page = await s.GetAsync(PageUrl(s, repo, pageNo + 1), null, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A run whose conclusion is final is the webhook's completed run. The list has no sender: the run's actor stands in,
    /// then whoever triggered it, as they did when runs went through the webhook's normalizer.
    /// </summary>
    private static void Emit(PollSession s, JsonElement run, DateTimeOffset updated)
    {
        if (EventNormalization.Outcome(run.Text("conclusion")) is { } outcome && run.Text("id") is { } id)
        {
            EventContext c = GitHubPollReader.Context(s, run.FirstText("actor.login", "triggering_actor.login"), updated, run.Text("repository.html_url"));
            s.Add(GitHubCiEvents.RunCompleted(c, run, id, outcome, workflowName: null));
        }
    }

    private static Uri PageUrl(PollSession s, string repo, int page) =>
        s.Api.Api($"{repo}/actions/runs?status=completed&per_page={PerPage}" + (page > 1 ? $"&page={page.ToString(CultureInfo.InvariantCulture)}" : ""));

}
