using System.Globalization;
using System.Text.Json;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.Poll;
using static IntegrationHub.Providers.Poll.PollJson;

namespace IntegrationHub.Providers.AzureDevOps;

/// <summary>
/// Comments of the active pull requests and of those closed since the cursor, keyed <c>{pullRequestId}/{threadId}/{commentId}</c>.
/// The threads list takes no <c>since</c>, so it costs one call per pull request: at most <see cref="PerCycle"/> a cycle, in
/// pull request id order. A round longer than that keeps its cursor and goes on after the last pull request read the
/// following cycle. The cursor never moves past the provider's clock (the <c>Date</c> header) at the round's first call:
/// a comment posted during the round on a pull request already read is newer than that, so the next round sees it.
/// Cursor: <c>since</c>, or <c>since|lastPullRequestId|roundStart</c> while a round is unfinished.
/// https://learn.microsoft.com/rest/api/azure/devops/git/pull-request-threads/list
/// </summary>
internal static class AzureDevOpsPollThreads
{
    internal const int PerCycle = 20;

    public static async Task<PollStreamCursor?> ReadAsync(PollSession s, string repo, PollStreamCursor? cursor, List<JsonElement> pulls, CancellationToken ct)
    {
        (DateTimeOffset since, long after, DateTimeOffset? start) = Parse(cursor?.Cursor, s.Request.WatchedSince);
        var due = pulls.Where(p => p.Text("status") == "active" || p.Date("closedDate") >= since)
            .GroupBy(p => p.RequireLong("pullRequestId")).Select(g => g.First())
            .Where(p => p.RequireLong("pullRequestId") > after).OrderBy(p => p.RequireLong("pullRequestId")).ToList();
        DateTimeOffset newest = since;
        long last = after;
        foreach (JsonElement pr in due.Take(PerCycle))
        {
            last = pr.RequireLong("pullRequestId");
            ApiResponse page = await s.GetAsync(AzureDevOpsPollReader.Org(s, $"{repo}/pullrequests/{last}/threads?{AzureDevOpsPollReader.Version}"), null, ct).ConfigureAwait(false);
            start ??= page.Headers.Date;
            using JsonDocument doc = s.Parse(page);
            newest = Max(newest, Comments(s, pr, doc, since));
        }

        if (due.Count > PerCycle)
        {
            // Not done: the pull requests past the last one read are still owed comments since the same time.
            return new PollStreamCursor(string.Join('|', Time(since), last.ToString(CultureInfo.InvariantCulture), Time(start ?? newest)), null);
        }

        DateTimeOffset end = start is { } cap && cap < newest ? Max(since, cap) : newest;
        return new PollStreamCursor(Time(end), null);
    }

    /// <summary>The comments of one pull request's threads published since the cursor; returns the newest time among them.</summary>
    private static DateTimeOffset Comments(PollSession s, JsonElement pr, JsonDocument doc, DateTimeOffset since)
    {
        DateTimeOffset newest = since;
        foreach (JsonElement thread in doc.RootElement.Array("value"))
        {
            string? threadId = thread.Str("id");
            foreach (JsonElement comment in thread.Array("comments"))
            {
                if (comment.Date("publishedDate") is not { } at || at < since)
                {
                    continue;
                }

                newest = Max(newest, at);
                if (!AzureDevOpsPullRequestEvents.IsSystem(comment))
                {
                    s.TryAdd(() => [AzureDevOpsPullRequestEvents.Comment(comment, threadId, null, pr, at)]);
                }
            }
        }

        return newest;
    }

    private static (DateTimeOffset Since, long After, DateTimeOffset? Start) Parse(string? cursor, DateTimeOffset watchedSince)
    {
        string[] parts = (cursor ?? string.Empty).Split('|');
        DateTimeOffset since = ParseTime(parts[0]) ?? watchedSince;
        if (parts.Length == 3 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long after) && ParseTime(parts[2]) is { } start)
        {
            return (since, after, start);
        }

        return (since, 0, null);
    }
}
