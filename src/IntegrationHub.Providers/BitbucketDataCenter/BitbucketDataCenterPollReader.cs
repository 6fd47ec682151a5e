using System.Globalization;
using System.Text.Json;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.Poll;
using static IntegrationHub.Providers.Poll.PollJson;

namespace IntegrationHub.Providers.BitbucketDataCenter;

/// <summary>
/// Bitbucket Data Center: the open pull requests and those closed since the cursor (no time filter exists); the
/// activities of those that changed (comments, and each source-branch update with its exact commit, as
/// <c>pr:comment:added</c> and <c>pr:from_ref_updated</c> key them); and every branch head, every page of
/// <c>branches?orderBy=MODIFICATION</c>, for pushes. A head that moved twice between two looks yields one push: the API
/// keeps no push log. A comment on a pull request closed before the cursor is not seen (it is in neither list).
/// Events are built from the REST items by the builders the webhook uses (<see cref="BitbucketDataCenterPullRequestEvents"/>,
/// <see cref="BitbucketDataCenterRefEvents"/>), so both give the same keys and details.
/// https://developer.atlassian.com/server/bitbucket/rest/v906/api-group-pull-requests/
/// </summary>
internal sealed class BitbucketDataCenterPollReader(ApiTransport api) : IPollReader
{
    private const int Limit = 100;
    private const int MaxPages = 10;

    /// <summary>Pages of branch heads a cycle (2,000 branches); past that the list is partial and deletes nothing.</summary>
    private const int MaxHeadPages = 20;

    public ProviderKind Provider => ProviderKind.BitbucketDataCenter;

    public async Task<PollReadResult> ReadAsync(PollReadRequest request, CancellationToken cancellationToken)
    {
        var s = new PollSession(api, request);
        (string project, string slug) = request.Repository.SplitPath();
        string repo = $"/projects/{BaseUrls.Segment(project)}/repos/{BaseUrls.Segment(slug)}";
        using var docs = new DocumentBag();
        var pulls = new List<JsonElement>();
        await s.StreamAsync(PollStreams.Pulls, c => PullsAsync(s, repo, c, pulls, docs, cancellationToken)).ConfigureAwait(false);
        await s.StreamAsync(PollStreams.Comments, c => BitbucketDataCenterPollActivities.ReadAsync(s, repo, c, pulls, cancellationToken)).ConfigureAwait(false);
        await s.StreamAsync(PollStreams.Branches, c => HeadsAsync(s, repo, c, cancellationToken)).ConfigureAwait(false);
        return s.Result();
    }

    /// <summary>
    /// Every open pull request (any of them may have been updated or commented on), then the merged and the declined ones
    /// most recently closed first, down to the cursor. <c>order=NEWEST</c> sorts by creation, so it cannot be cut at the
    /// cursor's time; <c>CLOSED_DATE</c> can. A list cut at the page cap keeps the cursor where it was.
    /// https://docs.atlassian.com/bitbucket-server/javadoc/7.17.0/api/com/atlassian/bitbucket/pull/PullRequestOrder.html
    /// </summary>
    private static async Task<PollStreamCursor?> PullsAsync(PollSession s, string repo, PollStreamCursor? cursor, List<JsonElement> pulls, DocumentBag docs, CancellationToken ct)
    {
        DateTimeOffset since = ParseTime(cursor?.Cursor) ?? s.Request.WatchedSince;
        DateTimeOffset newest = since;
        bool complete = await ListAsync(s, $"{repo}/pull-requests?state=OPEN&order=NEWEST", since, closedOrder: false, pulls, docs, ct).ConfigureAwait(false);
        complete &= await ListAsync(s, $"{repo}/pull-requests?state=MERGED&order=CLOSED_DATE", since, closedOrder: true, pulls, docs, ct).ConfigureAwait(false);
        complete &= await ListAsync(s, $"{repo}/pull-requests?state=DECLINED&order=CLOSED_DATE", since, closedOrder: true, pulls, docs, ct).ConfigureAwait(false);
        foreach (JsonElement pr in pulls)
        {
            DateTimeOffset updated = pr.UnixDate("updatedDate", milliseconds: true) ?? since;
            if (updated < since)
            {
                continue;
            }

            newest = Max(newest, updated);
            if (pr.UnixDate("createdDate", milliseconds: true) >= s.Request.WatchedSince)
            {
                BitbucketDataCenterPollEvents.Add(s, pr, null, updated, c => BitbucketDataCenterPullRequestEvents.Opened(c, pr));
            }

            switch (pr.Text("state"))
            {
                case "MERGED":
                    BitbucketDataCenterPollEvents.Add(s, pr, null, updated, c => BitbucketDataCenterPullRequestEvents.Merged(c, pr));
                    break;
                case "DECLINED":
                    BitbucketDataCenterPollEvents.Add(s, pr, null, updated, c => BitbucketDataCenterPullRequestEvents.Closed(c, pr));
                    break;
            }
        }

        return new PollStreamCursor(Time(complete ? newest : since), null);
    }

    /// <summary>
    /// One list, page after page (<c>start</c>/<c>nextPageStart</c> until <c>isLastPage</c>); a closed-date list stops
    /// at the first pull request closed before <paramref name="since"/>. False when cut at the page cap.
    /// </summary>
    private static async Task<bool> ListAsync(PollSession s, string path, DateTimeOffset since, bool closedOrder, List<JsonElement> pulls, DocumentBag docs, CancellationToken ct)
    {
        int start = 0;
        for (int pages = 0; pages < MaxPages; pages++)
        {
            ApiResponse page = await s.GetAsync(s.Api.Api($"{path}&limit={Limit}&start={start.ToString(CultureInfo.InvariantCulture)}"), null, ct).ConfigureAwait(false);
            JsonElement root = docs.Add(s.Parse(page)).RootElement;
            foreach (JsonElement pr in root.Array("values"))
            {
                if (closedOrder && pr.UnixDate("closedDate", milliseconds: true) is { } closed && closed < since)
                {
                    return true;
                }

                pulls.Add(pr);
            }

            if (NextStart(root, start) is not { } next)
            {
                return true;
            }

            start = next;
        }

        return false;
    }

    /// <summary>Where the next page starts; null on the last. Some servers omit <c>nextPageStart</c>: the next page follows this one.</summary>
    internal static int? NextStart(JsonElement page, int start)
    {
        int count = page.Array("values").Count();
        return page.Bool("isLastPage") != false || count == 0 ? null : Math.Max(start + 1, (int?)page.Long("nextPageStart") ?? start + count);
    }

    /// <summary>All branch heads, most recently changed first, against the heads stored in the cursor. The first look only records them.</summary>
    private static async Task<PollStreamCursor?> HeadsAsync(PollSession s, string repo, PollStreamCursor? cursor, CancellationToken ct)
    {
        BranchHeads old = BranchHeads.Read(cursor);
        var heads = new Dictionary<string, string>(StringComparer.Ordinal);
        bool complete = false;
        int start = 0;
        for (int pages = 0; pages < MaxHeadPages; pages++)
        {
            ApiResponse page = await s.GetAsync(s.Api.Api($"{repo}/branches?orderBy=MODIFICATION&limit={Limit}&start={start.ToString(CultureInfo.InvariantCulture)}"), null, ct).ConfigureAwait(false);
            using JsonDocument doc = s.Parse(page);
            foreach (JsonElement branch in doc.RootElement.Array("values"))
            {
                if (branch.Text("displayId") is { } name && branch.Text("latestCommit") is { } sha)
                {
                    heads[name] = sha;
                }
            }

            if (NextStart(doc.RootElement, start) is not { } next)
            {
                complete = true;
                break;
            }

            start = next;
        }

        // Heads on pages not read this time keep their stored value, so a later move there is a move, not a new branch.
        if (!complete)
        {
            foreach ((string name, string sha) in old.Heads.Where(h => !heads.ContainsKey(h.Key)))
            {
                heads[name] = sha;
            }
        }

        DateTimeOffset now = s.Api.Time.GetUtcNow();
        if (old.At is not null)
        {
            // The request's repository: the hook's refs_changed names no time and its page is not read here, so events
            // take the time of the look and link no page, as before.
            EventContext context = s.Context(null, now);
            foreach ((string name, string sha) in heads.Where(h => old.Heads.GetValueOrDefault(h.Key) != h.Value))
            {
                s.Add(BitbucketDataCenterRefEvents.Changed(context, RefChangeEvents.HeadsPrefix + name, old.Heads.GetValueOrDefault(name), sha));
            }

            // Only a full list can tell a deleted branch from one beyond the first page.
            if (complete)
            {
                foreach ((string name, string sha) in old.Heads.Where(h => !heads.ContainsKey(h.Key)))
                {
                    s.Add(BitbucketDataCenterRefEvents.Changed(context, RefChangeEvents.HeadsPrefix + name, sha, null));
                }
            }
        }

        return new PollStreamCursor(new BranchHeads(now, heads).Write(), null);
    }
}
