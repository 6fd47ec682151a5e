using System.Globalization;
using System.Text.Json;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.Poll;
using static IntegrationHub.Providers.Poll.PollJson;

namespace IntegrationHub.Providers.AzureDevOps;

/// <summary>
/// Azure DevOps: the pushes list names every push exactly, as <c>git.push</c> does, and a push to a pull request's source
/// branch is its update (<see cref="AzureDevOpsPollPushes"/>); pull requests of any status give opened, completed (merged)
/// and abandoned; the threads of recent pull requests give comments (<see cref="AzureDevOpsPollThreads"/>); builds of the
/// repository finished since the cursor are <c>build.complete</c>. The REST objects are the hooks' <c>resource</c>
/// objects, so each is handed to the builder its hook's normalizer uses (<see cref="AzureDevOpsPullRequestEvents"/>,
/// <see cref="AzureDevOpsPushNormalizer"/>, <see cref="AzureDevOpsBuildNormalizer"/>): same keys as the webhook's.
/// https://learn.microsoft.com/rest/api/azure/devops/git/pushes/list
/// </summary>
internal sealed class AzureDevOpsPollReader(ApiTransport api) : IPollReader
{
    internal const string Version = "api-version=7.1";
    private const int PageSize = 100;
    private const int MaxPages = 10;

    public ProviderKind Provider => ProviderKind.AzureDevOps;

    public async Task<PollReadResult> ReadAsync(PollReadRequest request, CancellationToken cancellationToken)
    {
        var s = new PollSession(api, request);
        string project = request.Repository.ProjectId ?? request.Repository.SplitPath().Owner;
        string repo = $"/{BaseUrls.Segment(project)}/_apis/git/repositories/{BaseUrls.Segment(request.Repository.ExternalId)}";
        using var docs = new DocumentBag();
        var pulls = new List<JsonElement>();
        await s.StreamAsync(PollStreams.Pulls, c => PullsAsync(s, repo, c, pulls, docs, cancellationToken)).ConfigureAwait(false);
        await s.StreamAsync(PollStreams.Pushes, c => AzureDevOpsPollPushes.ReadAsync(s, repo, c, pulls, cancellationToken)).ConfigureAwait(false);
        await s.StreamAsync(PollStreams.Comments, c => AzureDevOpsPollThreads.ReadAsync(s, repo, c, pulls, cancellationToken)).ConfigureAwait(false);
        await s.StreamAsync(PollStreams.Runs, c => BuildsAsync(s, project, request.Repository.ExternalId, c, cancellationToken), optional: true).ConfigureAwait(false);
        return s.Result();
    }

    /// <summary>
    /// Every active pull request, and those closed since the older of this cursor and the pushes cursor
    /// (<c>searchCriteria.queryTimeRangeType=closed</c> with <c>minTime</c>); a pull request created since the cursor is in
    /// one of the two. Both lists are paged with <c>$top</c>/<c>$skip</c>; one cut at the page cap keeps the cursor where it
    /// was. The later streams use these pull requests too.
    /// https://learn.microsoft.com/rest/api/azure/devops/git/pull-requests/get-pull-requests
    /// </summary>
    private static async Task<PollStreamCursor?> PullsAsync(PollSession s, string repo, PollStreamCursor? cursor, List<JsonElement> pulls, DocumentBag docs, CancellationToken ct)
    {
        DateTimeOffset since = ParseTime(cursor?.Cursor) ?? s.Request.WatchedSince;
        string[] pushes = (s.Request.CursorOf(PollStreams.Pushes)?.Cursor ?? string.Empty).Split('|');
        DateTimeOffset closedFrom = pushes.Length > 1 && ParseTime(pushes[1]) is { } p && p < since ? p : since;
        bool complete = await ListAsync(s, $"{repo}/pullrequests?searchCriteria.status=active", pulls, docs, ct).ConfigureAwait(false);
        complete &= await ListAsync(s, $"{repo}/pullrequests?searchCriteria.status=all&searchCriteria.queryTimeRangeType=closed"
            + $"&searchCriteria.minTime={Uri.EscapeDataString(Time(closedFrom))}", pulls, docs, ct).ConfigureAwait(false);
        DateTimeOffset newest = since;
        foreach (JsonElement pr in pulls)
        {
            if (pr.Date("creationDate") is { } created && created >= since)
            {
                newest = Max(newest, created);
                if (created >= s.Request.WatchedSince)
                {
                    s.TryAdd(() => [AzureDevOpsPullRequestEvents.Create(EventKind.PullRequestOpened, pr, created)]);
                }
            }

            if (pr.Date("closedDate") is { } closed && closed >= since && pr.Text("status") is "completed" or "abandoned")
            {
                newest = Max(newest, closed);
                s.TryAdd(() => AzureDevOpsPullRequestEvents.Kind("git.pullrequest.updated", pr.Text("status")) is { } kind
                    ? [AzureDevOpsPullRequestEvents.Create(kind, pr, closed)]
                    : []);
            }
        }

        return new PollStreamCursor(Time(complete ? newest : since), null);
    }

    /// <summary>One pull request list, page after page; false when cut at the page cap.</summary>
    private static async Task<bool> ListAsync(PollSession s, string pathAndQuery, List<JsonElement> pulls, DocumentBag docs, CancellationToken ct)
    {
        for (int pages = 0; pages < MaxPages; pages++)
        {
            string skip = (pages * PageSize).ToString(CultureInfo.InvariantCulture);
            ApiResponse list = await s.GetAsync(Org(s, $"{pathAndQuery}&$top={PageSize}&$skip={skip}&{Version}"), null, ct).ConfigureAwait(false);
            int count = 0;
            foreach (JsonElement pr in docs.Add(s.Parse(list)).RootElement.Array("value"))
            {
                count++;
                pulls.Add(pr); // a pull request in both lists is harmless: the session keeps one event per natural key

            }

            if (count < PageSize)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Builds of this repository finished since the cursor, oldest first, each run through the <c>build.complete</c>
    /// normalizer with the Build REST object (the hook's <c>resource</c>); builds still running are skipped and seen when done.
    /// https://learn.microsoft.com/rest/api/azure/devops/build/builds/list
    /// </summary>
    private static async Task<PollStreamCursor?> BuildsAsync(PollSession s, string project, string repositoryId, PollStreamCursor? cursor, CancellationToken ct)
    {
        DateTimeOffset since = ParseTime(cursor?.Cursor) ?? s.Request.WatchedSince;
        string query = $"repositoryId={Uri.EscapeDataString(repositoryId)}&repositoryType=TfsGit&queryOrder=finishTimeAscending"
            + $"&minTime={Uri.EscapeDataString(Time(since))}&$top=100&{Version}";
        ApiResponse page = await s.GetAsync(Org(s, $"/{BaseUrls.Segment(project)}/_apis/build/builds?{query}"), null, ct).ConfigureAwait(false);
        using JsonDocument doc = s.Parse(page);
        DateTimeOffset newest = since;
        foreach (JsonElement build in doc.RootElement.Array("value"))
        {
            if (build.Text("status") != "completed" || build.Date("finishTime") is not { } finished)
            {
                continue;
            }

            newest = Max(newest, finished);
            s.TryAdd(() => AzureDevOpsBuildNormalizer.BuildComplete(build, finished).Events);
        }

        return new PollStreamCursor(Time(newest), null);
    }

    /// <summary>Project-scoped resources live at <c>{org}/{project}/_apis/…</c>, beside the organization's <c>{org}/_apis</c>.</summary>
    internal static Uri Org(PollSession s, string pathAndQuery)
    {
        string root = s.Api.Endpoints.ApiRoot.AbsoluteUri.TrimEnd('/');
        return new Uri(root[..^"/_apis".Length] + pathAndQuery);
    }
}
