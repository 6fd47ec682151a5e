using System.Globalization;
using System.Text.Json;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.Poll;
using static IntegrationHub.Providers.Poll.PollJson;

namespace IntegrationHub.Providers.BitbucketCloud;

/// <summary>
/// Completed pipelines, newest created first (the list takes no <c>since</c>), reported as commit statuses keyed
/// <c>pipelines-{build_number}</c> as the hook does, built by <see cref="BitbucketCloudStatusEvents"/> as the hook's are. Page after page while a page still holds a pipeline completed since
/// the cursor or still running (an older one may finish after it). At most <see cref="MaxPages"/> pages a cycle; a walk
/// cut there keeps its cursor and resumes at the next page number the following cycle (new pipelines only push older ones
/// to later pages, never past the resume point), as GitHub's workflow runs do. Cursor: <c>since</c>, or
/// <c>since|resumePage|newestSeen</c> while a walk is unfinished.
/// https://developer.atlassian.com/cloud/bitbucket/rest/api-group-pipelines/#api-repositories-workspace-repo-slug-pipelines-get
/// </summary>
internal static class BitbucketCloudPollPipelines
{
    internal const int PageLength = 50;
    internal const int MaxPages = 5;

    public static async Task<PollStreamCursor?> ReadAsync(PollSession s, string repo, PollStreamCursor? cursor, CancellationToken ct)
    {
        var walk = PageWalkCursor.Parse(cursor?.Cursor, s.Request.WatchedSince);
        DateTimeOffset since = walk.Since;
        int pageNo = walk.StartPage;
        DateTimeOffset newest = walk.Newest;
        for (int read = 1; ; read++, pageNo++)
        {
            ApiResponse page = await s.GetAsync(PageUrl(s, repo, pageNo), null, ct).ConfigureAwait(false);
            bool relevant = false;
            bool more;
            using (JsonDocument doc = s.Parse(page))
            {
                foreach (JsonElement run in doc.RootElement.Array("values"))
                {
                    if (run.Date("completed_on") is not { } done)
                    {
                        relevant = true; // still running: one created before it may finish later too
                        continue;
                    }

                    if (done < since || run.Text("state.result.name") is not { } result)
                    {
                        continue;
                    }

                    relevant = true;
                    newest = Max(newest, done);
                    // A run without its commit names no status the hook could have sent: skipped, as the hook's rules skip it.
                    if (run.Text("target.commit.hash") is { } sha
                        && BitbucketCloudStatusEvents.Changed(s.Context(null, done), sha, $"pipelines-{run.Long("build_number")}", result,
                            run.Text("target.ref_name"), run.Text("target.ref_name"), null, done) is { } e)
                    {
                        s.Add(e);
                    }
                }

                more = doc.RootElement.Text("next") is not null;
            }

            if (!relevant || !more)
            {
                return new PollStreamCursor(PageWalkCursor.Finished(newest), null);
            }

            if (read == MaxPages)
            {
                // Not done: nothing past the pages read may be taken as seen.
                return new PollStreamCursor(walk.Unfinished(pageNo + 1, newest), null);
            }
        }
    }

    /// <summary>Page-number paging, as the body's <c>next</c> link gives for this list; built here so a walk can resume.</summary>
    private static Uri PageUrl(PollSession s, string repo, int page) =>
        s.Api.Api($"{repo}/pipelines?sort=-created_on&pagelen={PageLength}" + (page > 1 ? $"&page={page.ToString(CultureInfo.InvariantCulture)}" : ""));
}
