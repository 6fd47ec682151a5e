using System.Globalization;
using System.Text.Json;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.Poll;
using static IntegrationHub.Providers.Poll.PollJson;

namespace IntegrationHub.Providers.AzureDevOps;

/// <summary>
/// Pushes since the cursor (<c>searchCriteria.fromDate</c>, with <c>includeRefUpdates</c> so the moved refs are there),
/// newest first, paged with <c>$top</c>/<c>$skip</c> until a page reaches a push already seen or runs short. At most
/// <see cref="MaxPages"/> pages a cycle; a walk cut there keeps its cursor and resumes at the next <c>$skip</c> the following
/// cycle (new pushes only push older ones further down, so nothing unread is skipped), and the cursor then jumps to the
/// newest push the first walk saw. A push to the source branch of a pull request open at the time is that pull request's
/// update (keyed by the pushed commit, as <c>git.pullrequest.updated</c> is by <c>lastMergeSourceCommit</c>).
/// Cursor: <c>lastPushId|since</c>, or <c>lastPushId|since|resumeSkip|newestId|newestAt</c> while a walk is unfinished.
/// https://learn.microsoft.com/rest/api/azure/devops/git/pushes/list
/// </summary>
internal static class AzureDevOpsPollPushes
{
    internal const int PageSize = 100;
    internal const int MaxPages = 10;

    public static async Task<PollStreamCursor?> ReadAsync(PollSession s, string repo, PollStreamCursor? cursor, List<JsonElement> pulls, CancellationToken ct)
    {
        string[] parts = (cursor?.Cursor ?? string.Empty).Split('|');
        long lastId = Long(parts, 0) ?? 0;
        DateTimeOffset since = (parts.Length > 1 ? ParseTime(parts[1]) : null) ?? s.Request.WatchedSince;
        bool resuming = parts.Length == 5 && Long(parts, 2) is not null && Long(parts, 3) is not null && ParseTime(parts[4]) is not null;
        int skip = resuming ? (int)Long(parts, 2)!.Value : 0;
        long newestId = resuming ? Long(parts, 3)!.Value : lastId;
        DateTimeOffset newestAt = resuming ? ParseTime(parts[4])!.Value : since;
        for (int read = 1; ; read++, skip += PageSize)
        {
            string query = $"searchCriteria.fromDate={Uri.EscapeDataString(Time(since))}&searchCriteria.includeRefUpdates=true"
                + $"&$top={PageSize}&$skip={skip.ToString(CultureInfo.InvariantCulture)}&{AzureDevOpsPollReader.Version}";
            ApiResponse page = await s.GetAsync(AzureDevOpsPollReader.Org(s, $"{repo}/pushes?{query}"), null, ct).ConfigureAwait(false);
            int count = 0;
            bool reachedSeen = false;
            using (JsonDocument doc = s.Parse(page))
            {
                foreach (JsonElement push in doc.RootElement.Array("value"))
                {
                    count++;
                    long pushId = push.Long("pushId") ?? 0;
                    if (pushId <= lastId)
                    {
                        reachedSeen = true;
                        continue;
                    }

                    DateTimeOffset at = push.Date("date") ?? since;
                    newestId = Math.Max(newestId, pushId);
                    newestAt = Max(newestAt, at);
                    Emit(s, push, at, pulls);
                }
            }

            if (reachedSeen || count < PageSize)
            {
                return new PollStreamCursor($"{newestId.ToString(CultureInfo.InvariantCulture)}|{Time(newestAt)}", null);
            }

            if (read == MaxPages)
            {
                // Not done: the older pushes past this page are still owed; the stored id and time stay as they were.
                return new PollStreamCursor(string.Join('|', lastId.ToString(CultureInfo.InvariantCulture), Time(since),
                    (skip + PageSize).ToString(CultureInfo.InvariantCulture), newestId.ToString(CultureInfo.InvariantCulture), Time(newestAt)), null);
            }
        }
    }

    private static void Emit(PollSession s, JsonElement push, DateTimeOffset at, List<JsonElement> pulls)
    {
        s.TryAdd(() => AzureDevOpsPushNormalizer.Push(push, at).Events);
        foreach (JsonElement update in push.Array("refUpdates"))
        {
            foreach (JsonElement pr in pulls.Where(p => p.Text("sourceRefName") == update.Text("name") && p.Date("creationDate") < at
                && (p.Date("closedDate") ?? DateTimeOffset.MaxValue) >= at && update.Text("newObjectId") is { } sha && !sha.All(ch => ch == '0')))
            {
                // The pull request was active at the push, whatever its status now: an update keyed by the pushed commit.
                s.TryAdd(() => [AzureDevOpsPullRequestEvents.Create(EventKind.PullRequestUpdated, pr, at, update.Text("newObjectId"))]);
            }
        }
    }

    private static long? Long(string[] parts, int index) =>
        parts.Length > index && long.TryParse(parts[index], NumberStyles.None, CultureInfo.InvariantCulture, out long value) ? value : null;
}
