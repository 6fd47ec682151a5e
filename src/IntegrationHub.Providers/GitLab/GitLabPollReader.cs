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
    private static readonly GitLabEventNormalizer Normalizer = new();
    private const string Zero = "0000000000000000000000000000000000000000";

    public ProviderKind Provider => ProviderKind.GitLab;

    public async Task<PollReadResult> ReadAsync(PollReadRequest request, CancellationToken cancellationToken)
    {
        var s = new PollSession(api, request);
        string project = $"/projects/{BaseUrls.Segment(request.Repository.ExternalId)}";
        JsonObject context = Obj(("id", request.Repository.ExternalId), ("path_with_namespace", request.Repository.FullPath));
        var mergeRequests = new List<JsonElement>();
        using var docs = new DocumentBag();
        await s.StreamAsync(PollStreams.Pulls, c => MergeRequestsAsync(s, project, context, c, mergeRequests, docs, cancellationToken)).ConfigureAwait(false);
        await s.StreamAsync(PollStreams.Events, c => EventsAsync(s, project, context, c, mergeRequests, cancellationToken)).ConfigureAwait(false);
        await s.StreamAsync(PollStreams.Runs, c => PipelinesAsync(s, project, context, c, cancellationToken)).ConfigureAwait(false);
        return s.Result();
    }

    private static async Task<PollStreamCursor?> MergeRequestsAsync(PollSession s, string project, JsonObject context, PollStreamCursor? cursor,
        List<JsonElement> found, DocumentBag docs, CancellationToken ct)
    {
        DateTimeOffset since = ParseTime(cursor?.Cursor) ?? s.Request.WatchedSince;
        // Read from the events cursor too, if that is older, so pushes replayed there still find their merge request.
        DateTimeOffset from = EventsCursor(s.Request.CursorOf(PollStreams.Events)).At is { } at && at < since ? at : since;
        ApiResponse page = await s.GetAsync(s.Api.Api($"{project}/merge_requests?state=all&order_by=updated_at&sort=asc&per_page=100&updated_after={Uri.EscapeDataString(Time(from))}"), null, ct).ConfigureAwait(false);
        JsonDocument doc = docs.Add(s.Parse(page));
        DateTimeOffset newest = since;
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

        return new PollStreamCursor(Time(newest), null);
    }

    private static async Task<PollStreamCursor?> EventsAsync(PollSession s, string project, JsonObject context, PollStreamCursor? cursor,
        List<JsonElement> mergeRequests, CancellationToken ct)
    {
        (long lastId, DateTimeOffset? lastAt) = EventsCursor(cursor);
        DateTimeOffset since = lastAt ?? s.Request.WatchedSince;
        string after = since.UtcDateTime.Date.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Uri? url = s.Api.Api($"{project}/events?sort=asc&per_page=100&after={after}");
        long newestId = lastId;
        DateTimeOffset newestAt = since;
        for (int pages = 0; url is not null && pages < 10; pages++)
        {
            ApiResponse page = await s.GetAsync(url, null, ct).ConfigureAwait(false);
            using JsonDocument doc = s.Parse(page);
            foreach (JsonElement e in doc.RootElement.EnumerateArray())
            {
                long id = e.Long("id") ?? 0;
                DateTimeOffset at = e.Date("created_at") ?? since;
                if (id <= lastId || (lastId == 0 && at < s.Request.WatchedSince))
                {
                    continue;
                }

                newestId = Math.Max(newestId, id);
                newestAt = Max(newestAt, at);
                Event(s, context, e, at, mergeRequests);
            }

            url = LinkHeaderPagination.NextUrl(page.Headers) is { } next ? s.Api.CheckedNextUrl(next) : null;
        }

        return new PollStreamCursor($"{newestId.ToString(CultureInfo.InvariantCulture)}|{Time(newestAt)}", null);
    }

    private static void Event(PollSession s, JsonObject context, JsonElement e, DateTimeOffset at, List<JsonElement> mergeRequests)
    {
        JsonObject user = Obj(("username", e.Str("author_username") ?? e.Str("author.username")), ("name", e.Str("author.name")));
        if (e.Get("push_data") is { } push)
        {
            string prefix = push.Text("ref_type") == "tag" ? "refs/tags/" : "refs/heads/";
            string branch = push.RequireStr("ref");
            string? to = push.Text("commit_to");
            JsonObject body = Obj(("object_kind", "push"), ("ref", prefix + branch), ("before", push.Text("commit_from") ?? Zero),
                ("after", to ?? Zero), ("user_username", user["username"]?.DeepClone()), ("user_name", user["name"]?.DeepClone()), ("project", context.DeepClone()));
            s.Normalize(Normalizer, null, body, at);
            if (to is null || prefix != "refs/heads/")
            {
                return;
            }

            // A push to the source branch of a merge request that existed before it is that merge request's update.
            foreach (JsonElement mr in mergeRequests.Where(m => m.Text("source_branch") == branch && m.Date("created_at") < at
                && (m.Date("merged_at") ?? m.Date("closed_at") ?? DateTimeOffset.MaxValue) >= at))
            {
                s.Normalize(Normalizer, null, MergeRequestBody(context, mr, "update", push.Text("commit_from") ?? Zero, to), at);
            }

            return;
        }

        string? targetType = e.Text("target_type");
        string? action = e.Text("action_name");
        if (targetType is "MergeRequest" or "Issue" && (action switch { "opened" => "open", "reopened" => "reopen", "accepted" => "merge", "closed" => "close", _ => null }) is { } hookAction)
        {
            JsonObject attributes = Obj(("action", hookAction), ("iid", e.Long("target_iid")), ("title", e.Str("target_title")), ("created_at", e.Str("created_at")), ("updated_at", e.Str("created_at")));
            string kind = targetType == "Issue" ? "issue" : "merge_request";
            s.Normalize(Normalizer, null, Obj(("object_kind", kind), ("object_attributes", attributes), ("user", user), ("project", context.DeepClone())), at);
        }
        else if (e.Get("note") is { } note)
        {
            string? noteable = note.Text("noteable_type");
            JsonObject attributes = Obj(("id", note.Long("id")), ("note", note.Str("body")), ("noteable_type", noteable), ("created_at", note.Str("created_at")), ("commit_id", note.Str("commit_id")));
            JsonObject body = Obj(("object_kind", "note"), ("object_attributes", attributes), ("user", user), ("project", context.DeepClone()));
            if (noteable == "MergeRequest")
            {
                body["merge_request"] = Obj(("iid", note.Long("noteable_iid")), ("title", e.Str("target_title")));
            }
            else if (noteable == "Issue")
            {
                body["issue"] = Obj(("iid", note.Long("noteable_iid")), ("title", e.Str("target_title")));
            }

            s.Normalize(Normalizer, null, body, at);
        }
    }

    private static JsonObject MergeRequestBody(JsonObject context, JsonElement mr, string action, string? oldrev, string? head)
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
        ApiResponse page = await s.GetAsync(s.Api.Api($"{project}/pipelines?per_page=100&updated_after={Uri.EscapeDataString(Time(since))}"), null, ct).ConfigureAwait(false);
        using JsonDocument doc = s.Parse(page);
        DateTimeOffset newest = since;
        foreach (JsonElement p in doc.RootElement.EnumerateArray())
        {
            DateTimeOffset updated = p.Date("updated_at") ?? since;
            newest = Max(newest, updated);
            JsonObject attributes = Obj(("id", p.Long("id")), ("status", p.Str("status")), ("ref", p.Str("ref")), ("sha", p.Str("sha")),
                ("name", p.Str("name")), ("finished_at", p.Str("updated_at")), ("url", p.Str("web_url")));
            s.Normalize(Normalizer, null, Obj(("object_kind", "pipeline"), ("object_attributes", attributes), ("project", context.DeepClone())), updated);
        }

        return new PollStreamCursor(Time(newest), null);
    }

    /// <summary>The events cursor is <c>{lastEventId}|{lastEventTime}</c>.</summary>
    private static (long Id, DateTimeOffset? At) EventsCursor(PollStreamCursor? cursor)
    {
        string[] parts = (cursor?.Cursor ?? string.Empty).Split('|');
        return (long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long id) ? id : 0,
            parts.Length > 1 ? ParseTime(parts[1]) : null);
    }
}
