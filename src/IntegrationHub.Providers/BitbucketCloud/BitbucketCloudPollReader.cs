using System.Text.Json;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.Poll;
using static IntegrationHub.Providers.Poll.PollJson;

namespace IntegrationHub.Providers.BitbucketCloud;

/// <summary>
/// Bitbucket Cloud: pull requests filtered with <c>q=updated_on&gt;"..."</c> (any state), the comments of those that
/// changed, completed pipelines (<see cref="BitbucketCloudPollPipelines"/>),
/// and every branch head (<c>refs/branches</c>) for pushes; a head that moved under an open pull request opened before
/// the move is that pull request's update. Two moves of one head between looks yield one push: there is no push log.
/// Events are built from the REST items by the builders the webhook uses (<see cref="BitbucketCloudPullRequestEvents"/>,
/// <see cref="BitbucketCloudCommentEvents"/>, <see cref="RefChangeEvents"/>), so both give the same keys and details.
/// https://developer.atlassian.com/cloud/bitbucket/rest/intro/#filtering
/// </summary>
internal sealed class BitbucketCloudPollReader(ApiTransport api) : IPollReader
{
    private const int MaxPages = 10;

    /// <summary>Pages of branch heads a cycle (2,000 branches); past that the list is partial and deletes nothing.</summary>
    private const int MaxHeadPages = 20;

    public ProviderKind Provider => ProviderKind.BitbucketCloud;

    public async Task<PollReadResult> ReadAsync(PollReadRequest request, CancellationToken cancellationToken)
    {
        var s = new PollSession(api, request);
        (string workspace, string slug) = request.Repository.SplitPath();
        string repo = $"/repositories/{BaseUrls.Segment(workspace)}/{BaseUrls.Segment(slug)}";
        using var docs = new DocumentBag();
        var pulls = new List<JsonElement>();
        await s.StreamAsync(PollStreams.Pulls, c => PullsAsync(s, repo, c, pulls, docs, cancellationToken)).ConfigureAwait(false);
        await s.StreamAsync(PollStreams.Branches, c => HeadsAsync(s, repo, c, pulls, cancellationToken)).ConfigureAwait(false);
        await s.StreamAsync(PollStreams.Runs, c => BitbucketCloudPollPipelines.ReadAsync(s, repo, c, cancellationToken), optional: true).ConfigureAwait(false);
        return s.Result();
    }

    private static async Task<PollStreamCursor?> PullsAsync(PollSession s, string repo, PollStreamCursor? cursor,
        List<JsonElement> pulls, DocumentBag docs, CancellationToken ct)
    {
        DateTimeOffset since = ParseTime(cursor?.Cursor) ?? s.Request.WatchedSince;
        string q = Uri.EscapeDataString($"updated_on>\"{Time(since.AddSeconds(-1))}\"");
        DateTimeOffset newest = since;
        // Oldest-updated first: a walk cut at the page cap leaves the cursor at the newest pull request read, and the
        // ones after it are read next cycle; newest-first would have jumped past them.
        Uri? url = s.Api.Api($"{repo}/pullrequests?state=OPEN&state=MERGED&state=DECLINED&sort=updated_on&pagelen=50&q={q}");
        for (int pages = 0; url is not null && pages < MaxPages; pages++)
        {
            ApiResponse page = await s.GetAsync(url, null, ct).ConfigureAwait(false);
            JsonDocument doc = docs.Add(s.Parse(page));
            foreach (JsonElement pr in doc.RootElement.Array("values"))
            {
                pulls.Add(pr);
                DateTimeOffset updated = pr.Date("updated_on") ?? since;
                newest = Max(newest, updated);
                await PullAsync(s, repo, pr, updated, ct).ConfigureAwait(false);
            }

            url = doc.RootElement.Text("next") is { } next ? s.Api.CheckedNextUrl(next) : null;
        }

        return new PollStreamCursor(Time(newest), null);
    }

    /// <summary>
    /// One changed pull request: created, fulfilled or rejected, and its comments. Actors are credited from the REST item's
    /// user objects (display name too, as the hook's are), not through <see cref="PollSession.Context"/>'s login alone.
    /// </summary>
    private static async Task PullAsync(PollSession s, string repo, JsonElement pr, DateTimeOffset updated, CancellationToken ct)
    {
        if (pr.Date("created_on") >= s.Request.WatchedSince)
        {
            s.TryAdd(() => BitbucketCloudPullRequestEvents.Created(s.Context(null, updated, Page(pr)), pr));
        }

        // Who closed it is the actor of the close; the list item names them in closed_by.
        switch (pr.Text("state"))
        {
            case "MERGED":
                s.TryAdd(() => BitbucketCloudPullRequestEvents.Fulfilled(s.Context(null, updated, Page(pr)).OrCredit(BitbucketCloudContext.User(pr.Get("closed_by"))), pr));
                break;
            case "DECLINED":
                s.TryAdd(() => BitbucketCloudPullRequestEvents.Rejected(s.Context(null, updated, Page(pr)).OrCredit(BitbucketCloudContext.User(pr.Get("closed_by"))), pr));
                break;
        }

        Uri? url = s.Api.Api($"{repo}/pullrequests/{pr.RequireLong("id")}/comments?pagelen=100");
        for (int pages = 0; url is not null && pages < MaxPages; pages++)
        {
            ApiResponse comments = await s.GetAsync(url, null, ct).ConfigureAwait(false);
            using JsonDocument list = s.Parse(comments);
            foreach (JsonElement comment in list.RootElement.Array("values"))
            {
                if (comment.Date("created_on") is { } created && created >= s.Request.WatchedSince && comment.Bool("deleted") != true)
                {
                    s.TryAdd(() => BitbucketCloudCommentEvents.OnPullRequest(s.Context(null, created, Page(pr)), pr, comment));
                }
            }

            url = list.RootElement.Text("next") is { } next ? s.Api.CheckedNextUrl(next) : null;
        }
    }

    /// <summary>
    /// Every branch head, every page of <c>refs/branches</c> (most recently committed first), against the heads stored in the
    /// cursor: a new, moved or vanished head is a push; a moved head under a pull request that was open when the commit
    /// was made (it existed at the last look, or its creation precedes the commit's date, which has whole seconds only) is
    /// that pull request's update. The first look only records the heads.
    /// https://developer.atlassian.com/cloud/bitbucket/rest/api-group-refs/#api-repositories-workspace-repo-slug-refs-branches-get
    /// </summary>
    private static async Task<PollStreamCursor?> HeadsAsync(PollSession s, string repo, PollStreamCursor? cursor, List<JsonElement> pulls, CancellationToken ct)
    {
        BranchHeads old = BranchHeads.Read(cursor);
        var heads = new Dictionary<string, string>(StringComparer.Ordinal);
        DateTimeOffset now = s.Api.Time.GetUtcNow();
        var changes = new List<(string Branch, string? Before, string? After)>();
        bool complete = false;
        Uri? url = s.Api.Api($"{repo}/refs/branches?sort=-target.date&pagelen=100");
        for (int pages = 0; pages < MaxHeadPages; pages++)
        {
            ApiResponse page = await s.GetAsync(url, null, ct).ConfigureAwait(false);
            using JsonDocument doc = s.Parse(page);
            foreach (JsonElement branch in doc.RootElement.Array("values"))
            {
                if (branch.Text("name") is { } name && branch.Text("target.hash") is { } sha)
                {
                    heads[name] = sha;
                    Head(s, old, name, sha, branch.Date("target.date"), pulls, changes, now);
                }
            }

            if (doc.RootElement.Text("next") is not { } next)
            {
                complete = true;
                break;
            }

            url = s.Api.CheckedNextUrl(next);
        }

        foreach ((string name, string sha) in old.Heads.Where(h => !heads.ContainsKey(h.Key)))
        {
            // Only a full list can tell a deleted branch from one past the pages read: keep that one's head as it was.
            if (!complete)
            {
                heads[name] = sha;
            }
            else if (old.At is not null)
            {
                changes.Add((name, sha, null));
            }
        }

        // A push names no time and no pusher: the hook's events take the receive time, these the time of the look.
        EventContext context = s.Context(null, now);
        foreach ((string branch, string? before, string? after) in changes)
        {
            s.Add(RefChangeEvents.From(context, RefChangeEvents.HeadsPrefix + branch, before, after, null));
        }

        return new PollStreamCursor(new BranchHeads(now, heads).Write(), null);
    }

    /// <summary>One branch of the list against its stored head: a push, and the update of a pull request from it.</summary>
    private static void Head(PollSession s, BranchHeads old, string name, string sha, DateTimeOffset? committed,
        List<JsonElement> pulls, List<(string Branch, string? Before, string? After)> changes, DateTimeOffset now)
    {
        string? before = old.Heads.GetValueOrDefault(name);
        if (old.At is null || before == sha)
        {
            return;
        }

        changes.Add((name, before, sha));
        foreach (JsonElement pr in pulls.Where(p => before is not null && p.Text("source.branch.name") == name
            && (p.Date("created_on") < old.At || p.Date("created_on") < committed) && (p.Text("state") == "OPEN" || p.Date("updated_on") >= committed)))
        {
            s.TryAdd(() => BitbucketCloudPullRequestEvents.Updated(s.Context(null, committed ?? now, Page(pr)), pr));
        }
    }

    /// <summary>The repository's page, which the webhook's context takes from the same object in its delivery.</summary>
    private static string? Page(JsonElement pr) => pr.Text("destination.repository.links.html.href");
}
