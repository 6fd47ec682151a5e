using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.Poll;
using static IntegrationHub.Providers.Poll.PollJson;

namespace IntegrationHub.Providers.GitLab;

/// <summary>
/// GitLab: merge requests and pipelines take a full <c>updated_after</c>; the project events API filters by date only
/// (<c>after=YYYY-MM-DD</c>, exclusive), so it is read from the day before the cursor and deduped locally by event id.
/// Events give exact pushes (ref, from, to), opened/merged/closed merge requests and issues, and notes; a push to the
/// source branch of a merge request opened before it is that merge request's update (GitLab's <c>oldrev</c> update).
/// Bodies are shaped like GitLab's hooks and run through <see cref="GitLabEventNormalizer"/>: same natural keys.
/// https://docs.gitlab.com/api/events/, https://docs.gitlab.com/api/merge_requests/#list-project-merge-requests
/// </summary>
internal sealed class GitLabPollReader(ApiTransport api) : IPollReader
{
    internal static readonly GitLabEventNormalizer Normalizer = new();
    private const int MaxPages = 10;
    internal const string Zero = "0000000000000000000000000000000000000000";

    public ProviderKind Provider => ProviderKind.GitLab;

    public async Task<PollReadResult> ReadAsync(PollReadRequest request, CancellationToken cancellationToken)
    {
        var s = new PollSession(api, request);
        string project = $"/projects/{BaseUrls.Segment(request.Repository.ExternalId)}";
        JsonObject context = Obj(("id", request.Repository.ExternalId), ("path_with_namespace", request.Repository.FullPath));
        var mergeRequests = new List<JsonElement>();
        using var docs = new DocumentBag();
        await s.StreamAsync(PollStreams.Pulls, c => MergeRequestsAsync(s, project, context, c, mergeRequests, docs, cancellationToken)).ConfigureAwait(false);
        await s.StreamAsync(PollStreams.Events, c => GitLabPollEvents.ReadAsync(s, project, context, c, mergeRequests, cancellationToken)).ConfigureAwait(false);
        await s.StreamAsync(PollStreams.Runs, c => PipelinesAsync(s, project, context, c, cancellationToken)).ConfigureAwait(false);
        return s.Result();
    }

    private static async Task<PollStreamCursor?> MergeRequestsAsync(PollSession s, string project, JsonObject context, PollStreamCursor? cursor,
        List<JsonElement> found, DocumentBag docs, CancellationToken ct)
    {
        DateTimeOffset since = ParseTime(cursor?.Cursor) ?? s.Request.WatchedSince;
        // Read from the events cursor too, if that is older, so pushes replayed there still find their merge request.
        DateTimeOffset from = GitLabPollEvents.Cursor(s.Request.CursorOf(PollStreams.Events)).At is { } at && at < since ? at : since;
        DateTimeOffset newest = since;
        Uri? url = s.Api.Api($"{project}/merge_requests?state=all&order_by=updated_at&sort=asc&per_page=100&updated_after={Uri.EscapeDataString(Time(from))}");
        // Oldest-updated first: stopping at the page cap leaves the cursor at the newest read, and the rest comes next cycle.
        for (int pages = 0; url is not null && pages < MaxPages; pages++)
        {
            ApiResponse page = await s.GetAsync(url, null, ct).ConfigureAwait(false);
            JsonDocument doc = docs.Add(s.Parse(page));
            foreach (JsonElement mr in doc.RootElement.EnumerateArray())
            {
                found.Add(mr);
                DateTimeOffset updated = mr.Date("updated_at") ?? since;
                newest = Max(newest, updated);
                if (updated < since)
                {
                    continue;
                }

                if (mr.Date("created_at") >= s.Request.WatchedSince)
                {
                    s.Normalize(Normalizer, null, MergeRequestBody(context, mr, "open", null, null), updated);
                }

                string? action = mr.Text("state") switch { "merged" => "merge", "closed" => "close", _ => null };
                if (action is not null)
                {
                    s.Normalize(Normalizer, null, MergeRequestBody(context, mr, action, null, null), updated);
                }
            }

            url = Next(s, url, page);
        }

        return new PollStreamCursor(Time(newest), null);
    }

    internal static JsonObject MergeRequestBody(JsonObject context, JsonElement mr, string action, string? oldrev, string? head)
    {
        JsonObject attributes = Obj(("action", action), ("iid", mr.Long("iid")), ("title", mr.Str("title")), ("description", mr.Str("description")),
            ("created_at", mr.Str("created_at")), ("updated_at", mr.Str(action == "merge" ? "merged_at" : action == "close" ? "closed_at" : "updated_at") ?? mr.Str("updated_at")),
            ("source_branch", mr.Str("source_branch")), ("url", mr.Str("web_url")), ("oldrev", oldrev), ("last_commit", Obj(("id", head ?? mr.Str("sha")))));
        return Obj(("object_kind", "merge_request"), ("object_attributes", attributes),
            ("user", Obj(("username", mr.Str("author.username")), ("name", mr.Str("author.name")))), ("project", context.DeepClone()));
    }

    private static async Task<PollStreamCursor?> PipelinesAsync(PollSession s, string project, JsonObject context, PollStreamCursor? cursor, CancellationToken ct)
    {
        DateTimeOffset since = ParseTime(cursor?.Cursor) ?? s.Request.WatchedSince;
        DateTimeOffset newest = since;
        // Ordered by update time, oldest first, so a page cap never moves the cursor past a pipeline not read yet.
        Uri? url = s.Api.Api($"{project}/pipelines?order_by=updated_at&sort=asc&per_page=100&updated_after={Uri.EscapeDataString(Time(since))}");
        for (int pages = 0; url is not null && pages < MaxPages; pages++)
        {
            ApiResponse page = await s.GetAsync(url, null, ct).ConfigureAwait(false);
            using (JsonDocument doc = s.Parse(page))
            {
                foreach (JsonElement p in doc.RootElement.EnumerateArray())
                {
                    DateTimeOffset updated = p.Date("updated_at") ?? since;
                    newest = Max(newest, updated);
                    JsonObject attributes = Obj(("id", p.Long("id")), ("status", p.Str("status")), ("ref", p.Str("ref")), ("sha", p.Str("sha")),
                        ("name", p.Str("name")), ("finished_at", p.Str("updated_at")), ("url", p.Str("web_url")));
                    s.Normalize(Normalizer, null, Obj(("object_kind", "pipeline"), ("object_attributes", attributes), ("project", context.DeepClone())), updated);
                }
            }

            url = Next(s, url, page);
        }

        return new PollStreamCursor(Time(newest), null);
    }

    /// <summary>The next page: the <c>Link</c> header, or <c>X-Next-Page</c> on servers that send only that.</summary>
    private static Uri? Next(PollSession s, Uri url, ApiResponse page) =>
        LinkHeaderPagination.NextUrl(page.Headers) is { } next ? s.Api.CheckedNextUrl(next)
        : RateLimitSnapshot.ReadLong(page.Headers, "X-Next-Page") is long n && n > 0 ? GitLabPagination.WithPage(url, n) : null;
}
