using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.Poll;
using static IntegrationHub.Providers.Poll.PollJson;

namespace IntegrationHub.Providers.BitbucketDataCenter;

/// <summary>
/// Bitbucket Data Center: pull requests of every state, most recently updated first (no time filter exists, so the
/// reading stops at the cursor), and the heads of the default and pull-request branches (<c>commits?until=</c>) for pushes;
/// a head that moved under an open pull request opened before the move is its <c>pr:from_ref_updated</c>.
/// Pull request comments live in <c>/activities</c>, one call per pull request; they are not read here (see README).
/// https://developer.atlassian.com/server/bitbucket/rest/v906/api-group-pull-requests/
/// </summary>
internal sealed class BitbucketDataCenterPollReader(ApiTransport api) : IPollReader
{
    private static readonly BitbucketDataCenterEventNormalizer Normalizer = new();

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
        await s.StreamAsync(PollStreams.Branches, c => HeadsAsync(s, repo, repository, c, pulls, cancellationToken)).ConfigureAwait(false);
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

    private static async Task<PollStreamCursor?> HeadsAsync(PollSession s, string repo, JsonObject repository, PollStreamCursor? cursor, List<JsonElement> pulls, CancellationToken ct)
    {
        BranchHeads old = BranchHeads.Read(cursor);
        var branches = new List<string>();
        if (s.Request.DefaultBranch is { } main)
        {
            branches.Add(main);
        }

        branches.AddRange(pulls.Where(p => p.UnixDate("updatedDate", milliseconds: true) >= old.At).Select(p => p.Text("fromRef.displayId")).OfType<string>());
        branches.AddRange(old.Heads.Keys);
        var heads = new Dictionary<string, string>(StringComparer.Ordinal);
        DateTimeOffset now = s.Api.Time.GetUtcNow();
        foreach (string branch in branches.Distinct(StringComparer.Ordinal).Take(20))
        {
            ApiResponse page;
            try
            {
                page = await s.GetAsync(s.Api.Api($"{repo}/commits?until={Uri.EscapeDataString("refs/heads/" + branch)}&limit=1"), null, ct).ConfigureAwait(false);
            }
            catch (ProviderApiException ex) when (ex.Kind == ProviderApiErrorKind.NotFound)
            {
                continue;
            }

            using JsonDocument doc = s.Parse(page);
            if (doc.RootElement.Array("values").FirstOrDefault() is not { ValueKind: JsonValueKind.Object } head || head.Text("id") is not { } sha)
            {
                continue;
            }

            heads[branch] = sha;
            string? before = old.Heads.GetValueOrDefault(branch);
            bool isNew = before is null && old.At is { } at && pulls.Any(p => p.Text("fromRef.displayId") == branch && p.UnixDate("createdDate", milliseconds: true) > at);
            if (old.At is null || before == sha || (before is null && !isNew))
            {
                continue;
            }

            JsonObject change = Obj(("refId", "refs/heads/" + branch), ("fromHash", before ?? new string('0', 40)), ("toHash", sha));
            s.Normalize(Normalizer, null, Obj(("eventKey", "repo:refs_changed"), ("repository", repository.DeepClone()), ("changes", new JsonArray(change))), now);
            DateTimeOffset? committed = head.UnixDate("committerTimestamp", milliseconds: true);
            foreach (JsonElement pr in pulls.Where(p => before is not null && p.Text("state") == "OPEN" && p.Text("fromRef.displayId") == branch
                && p.UnixDate("createdDate", milliseconds: true) < committed))
            {
                s.Normalize(Normalizer, null, Body("pr:from_ref_updated", pr, null, committed ?? now), committed ?? now);
            }
        }

        return new PollStreamCursor(new BranchHeads(now, heads).Write(), null);
    }

    private static JsonObject Body(string eventKey, JsonElement pr, JsonElement? actor, DateTimeOffset at) =>
        Obj(("eventKey", eventKey), ("date", at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + "+0000"),
            ("actor", Copy(actor)), ("pullRequest", Copy(pr)));
}
