using System.Text.Json;
using System.Text.Json.Nodes;
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
/// https://developer.atlassian.com/cloud/bitbucket/rest/intro/#filtering
/// </summary>
internal sealed class BitbucketCloudPollReader(ApiTransport api) : IPollReader
{
    private static readonly BitbucketCloudEventNormalizer Normalizer = new();
    private const int MaxPages = 10;

    /// <summary>Pages of branch heads a cycle (2,000 branches); past that the list is partial and deletes nothing.</summary>
    private const int MaxHeadPages = 20;

    public ProviderKind Provider => ProviderKind.BitbucketCloud;

    public async Task<PollReadResult> ReadAsync(PollReadRequest request, CancellationToken cancellationToken)
    {
        var s = new PollSession(api, request);
        (string workspace, string slug) = request.Repository.SplitPath();
        string repo = $"/repositories/{BaseUrls.Segment(workspace)}/{BaseUrls.Segment(slug)}";
        JsonObject context = Obj(("uuid", request.Repository.ExternalId), ("full_name", request.Repository.FullPath));
        using var docs = new DocumentBag();
        var pulls = new List<JsonElement>();
        await s.StreamAsync(PollStreams.Pulls, c => PullsAsync(s, repo, context, c, pulls, docs, cancellationToken)).ConfigureAwait(false);
        await s.StreamAsync(PollStreams.Branches, c => HeadsAsync(s, repo, context, c, pulls, cancellationToken)).ConfigureAwait(false);
        await s.StreamAsync(PollStreams.Runs, c => BitbucketCloudPollPipelines.ReadAsync(s, repo, context, c, cancellationToken), optional: true).ConfigureAwait(false);
        return s.Result();
    }

    private static async Task<PollStreamCursor?> PullsAsync(PollSession s, string repo, JsonObject context, PollStreamCursor? cursor,
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
                await PullAsync(s, repo, context, pr, updated, ct).ConfigureAwait(false);
            }

            url = doc.RootElement.Text("next") is { } next ? s.Api.CheckedNextUrl(next) : null;
        }

        return new PollStreamCursor(Time(newest), null);
    }

    /// <summary>One changed pull request: created, fulfilled or rejected, and its comments.</summary>
    private static async Task PullAsync(PollSession s, string repo, JsonObject context, JsonElement pr, DateTimeOffset updated, CancellationToken ct)
    {
        JsonNode? pull = Copy(pr);
        if (pr.Date("created_on") >= s.Request.WatchedSince)
        {
            s.Normalize(Normalizer, "pullrequest:created", Body(context, pr.Get("author"), ("pullrequest", pull?.DeepClone())), updated);
        }

        string? closing = pr.Text("state") switch { "MERGED" => "pullrequest:fulfilled", "DECLINED" => "pullrequest:rejected", _ => null };
        if (closing is not null)
        {
            s.Normalize(Normalizer, closing, Body(context, pr.Get("closed_by"), ("pullrequest", pull?.DeepClone())), updated);
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
                    s.Normalize(Normalizer, "pullrequest:comment_created",
                        Body(context, comment.Get("user"), ("comment", Copy(comment)), ("pullrequest", pull?.DeepClone())), created);
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
    private static async Task<PollStreamCursor?> HeadsAsync(PollSession s, string repo, JsonObject context, PollStreamCursor? cursor, List<JsonElement> pulls, CancellationToken ct)
    {
        BranchHeads old = BranchHeads.Read(cursor);
        var heads = new Dictionary<string, string>(StringComparer.Ordinal);
        DateTimeOffset now = s.Api.Time.GetUtcNow();
        var changes = new JsonArray();
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
                    Head(s, context, old, name, sha, branch.Date("target.date"), pulls, changes, now);
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
                changes.Add(Obj(("old", Ref(name, sha)), ("new", null)));
            }
        }

        if (changes.Count > 0)
        {
            s.Normalize(Normalizer, "repo:push", Body(context, null, ("push", Obj(("changes", changes)))), now);
        }

        return new PollStreamCursor(new BranchHeads(now, heads).Write(), null);
    }

    /// <summary>One branch of the list against its stored head: a push, and the update of a pull request from it.</summary>
    private static void Head(PollSession s, JsonObject context, BranchHeads old, string name, string sha, DateTimeOffset? committed,
        List<JsonElement> pulls, JsonArray changes, DateTimeOffset now)
    {
        string? before = old.Heads.GetValueOrDefault(name);
        if (old.At is null || before == sha)
        {
            return;
        }

        changes.Add(Obj(("old", before is null ? null : Ref(name, before)), ("new", Ref(name, sha))));
        foreach (JsonElement pr in pulls.Where(p => before is not null && p.Text("source.branch.name") == name
            && (p.Date("created_on") < old.At || p.Date("created_on") < committed) && (p.Text("state") == "OPEN" || p.Date("updated_on") >= committed)))
        {
            s.Normalize(Normalizer, "pullrequest:updated", Body(context, null, ("pullrequest", Copy(pr))), committed ?? now);
        }
    }

    private static JsonObject Ref(string branch, string sha) => Obj(("type", "branch"), ("name", branch), ("target", Obj(("hash", sha))));

    private static JsonObject Body(JsonObject context, JsonElement? actor, params (string Key, JsonNode? Value)[] members)
    {
        JsonObject body = Obj(members);
        body["repository"] = context.DeepClone();
        body["actor"] = Copy(actor);
        return body;
    }
}
