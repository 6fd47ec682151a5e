using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.Poll;
using static IntegrationHub.Providers.Poll.PollJson;

namespace IntegrationHub.Providers.BitbucketDataCenter;

/// <summary>
/// Bitbucket Data Center: pull requests of every state, most recently updated first (no time filter exists, so the
/// reading stops at the cursor); the activities of those that changed (comments, and each source-branch update with its
/// exact commit, as <c>pr:comment:added</c> and <c>pr:from_ref_updated</c> key them); and every branch head in one
/// <c>branches?orderBy=MODIFICATION</c> list for pushes. A head that moved twice between two looks yields one push:
/// the API keeps no push log.
/// https://developer.atlassian.com/server/bitbucket/rest/v906/api-group-pull-requests/
/// </summary>
internal sealed class BitbucketDataCenterPollReader(ApiTransport api) : IPollReader
{
    internal static readonly BitbucketDataCenterEventNormalizer Normalizer = new();

    public ProviderKind Provider => ProviderKind.BitbucketDataCenter;

    public async Task<PollReadResult> ReadAsync(PollReadRequest request, CancellationToken cancellationToken)
    {
        var s = new PollSession(api, request);
        (string project, string slug) = request.Repository.SplitPath();
        string repo = $"/projects/{BaseUrls.Segment(project)}/repos/{BaseUrls.Segment(slug)}";
        JsonObject repository = Obj(("id", request.Repository.ExternalId), ("slug", slug), ("project", Obj(("key", project))));
        using var docs = new DocumentBag();
        var pulls = new List<JsonElement>();
        await s.StreamAsync(PollStreams.Pulls, c => PullsAsync(s, repo, c, pulls, docs, cancellationToken)).ConfigureAwait(false);
        await s.StreamAsync(PollStreams.Comments, c => BitbucketDataCenterPollActivities.ReadAsync(s, repo, c, pulls, cancellationToken)).ConfigureAwait(false);
        await s.StreamAsync(PollStreams.Branches, c => HeadsAsync(s, repo, repository, c, cancellationToken)).ConfigureAwait(false);
        return s.Result();
    }

    private static async Task<PollStreamCursor?> PullsAsync(PollSession s, string repo, PollStreamCursor? cursor, List<JsonElement> pulls, DocumentBag docs, CancellationToken ct)
    {
        DateTimeOffset since = ParseTime(cursor?.Cursor) ?? s.Request.WatchedSince;
        ApiResponse page = await s.GetAsync(s.Api.Api($"{repo}/pull-requests?state=ALL&order=NEWEST&limit=50"), null, ct).ConfigureAwait(false);
        JsonDocument doc = docs.Add(s.Parse(page));
        DateTimeOffset newest = since;
        foreach (JsonElement pr in doc.RootElement.Array("values"))
        {
            pulls.Add(pr);
            DateTimeOffset updated = pr.UnixDate("updatedDate", milliseconds: true) ?? since;
            if (updated < since)
            {
                continue;
            }

            newest = Max(newest, updated);
            if (pr.UnixDate("createdDate", milliseconds: true) >= s.Request.WatchedSince)
            {
                s.Normalize(Normalizer, null, Body("pr:opened", pr, pr.Get("author.user"), updated), updated);
            }

            string? closing = pr.Text("state") switch { "MERGED" => "pr:merged", "DECLINED" => "pr:declined", _ => null };
            if (closing is not null)
            {
                s.Normalize(Normalizer, null, Body(closing, pr, null, updated), updated);
            }
        }

        return new PollStreamCursor(Time(newest), null);
    }

    /// <summary>All branch heads, most recently changed first, against the heads stored in the cursor. The first look only records them.</summary>
    private static async Task<PollStreamCursor?> HeadsAsync(PollSession s, string repo, JsonObject repository, PollStreamCursor? cursor, CancellationToken ct)
    {
        BranchHeads old = BranchHeads.Read(cursor);
        ApiResponse page = await s.GetAsync(s.Api.Api($"{repo}/branches?orderBy=MODIFICATION&limit=100"), null, ct).ConfigureAwait(false);
        var heads = new Dictionary<string, string>(StringComparer.Ordinal);
        bool complete;
        using (JsonDocument doc = s.Parse(page))
        {
            complete = doc.RootElement.Bool("isLastPage") != false;
            foreach (JsonElement branch in doc.RootElement.Array("values"))
            {
                if (branch.Text("displayId") is { } name && branch.Text("latestCommit") is { } sha)
                {
                    heads[name] = sha;
                }
            }
        }

        DateTimeOffset now = s.Api.Time.GetUtcNow();
        if (old.At is not null)
        {
            var changes = new JsonArray();
            foreach ((string name, string sha) in heads.Where(h => old.Heads.GetValueOrDefault(h.Key) != h.Value))
            {
                changes.Add(Obj(("refId", "refs/heads/" + name), ("fromHash", old.Heads.GetValueOrDefault(name) ?? Zero), ("toHash", sha)));
            }

            // Only a full list can tell a deleted branch from one beyond the first page.
            if (complete)
            {
                foreach ((string name, string sha) in old.Heads.Where(h => !heads.ContainsKey(h.Key)))
                {
                    changes.Add(Obj(("refId", "refs/heads/" + name), ("fromHash", sha), ("toHash", Zero)));
                }
            }

            if (changes.Count > 0)
            {
                s.Normalize(Normalizer, null, Obj(("eventKey", "repo:refs_changed"), ("repository", repository.DeepClone()), ("changes", changes)), now);
            }
        }

        return new PollStreamCursor(new BranchHeads(now, heads).Write(), null);
    }

    private static readonly string Zero = new('0', 40);

    internal static JsonObject Body(string eventKey, JsonElement pr, JsonElement? actor, DateTimeOffset at) =>
        Obj(("eventKey", eventKey), ("date", at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + "+0000"),
            ("actor", Copy(actor)), ("pullRequest", Copy(pr)));
}
