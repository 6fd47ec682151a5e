using System.Globalization;
using System.Text.Json;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.Poll;
using static IntegrationHub.Providers.Poll.PollJson;

namespace IntegrationHub.Providers.GitLab;

/// <summary>
/// The project events (<c>sort=asc</c>, offset pages): the only GitLab read that names every push exactly. The API filters
/// by date only (<c>after=YYYY-MM-DD</c>, exclusive), so the list is read from the day before the cursor's and deduped
/// by event id. Events are only appended, so a busy day need not be re-read from its start: the cursor keeps the page
/// it stopped on and the <c>after</c> date that page belongs to, and the next cycle resumes there while that date holds.
/// Cursor: <c>{lastEventId}|{lastEventTime}|{after}|{page}</c> (the last two may be missing).
/// https://docs.gitlab.com/api/events/#list-a-projects-visible-events
/// </summary>
internal static class GitLabPollEvents
{
    private const int PerPage = 100;
    private const int MaxPages = 10;

    public static async Task<PollStreamCursor?> ReadAsync(PollSession s, string project, PollStreamCursor? cursor,
        List<JsonElement> mergeRequests, CancellationToken ct)
    {
        (long lastId, DateTimeOffset? lastAt, string? resumeAfter, int resumePage) = Cursor(cursor);
        DateTimeOffset since = lastAt ?? s.Request.WatchedSince;
        string after = since.UtcDateTime.Date.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        int pageNo = after == resumeAfter ? Math.Max(1, resumePage) : 1;
        long newestId = lastId;
        DateTimeOffset newestAt = since;
        for (int read = 1; ; read++, pageNo++)
        {
            ApiResponse page = await s.GetAsync(PageUrl(s, project, after, pageNo), null, ct).ConfigureAwait(false);
            bool last;
            using (JsonDocument doc = s.Parse(page))
            {
                int count = 0;
                foreach (JsonElement e in doc.RootElement.EnumerateArray())
                {
                    count++;
                    long id = e.Long("id") ?? 0;
                    DateTimeOffset at = e.Date("created_at") ?? since;
                    if (id <= lastId || (lastId == 0 && at < s.Request.WatchedSince))
                    {
                        continue;
                    }

                    newestId = Math.Max(newestId, id);
                    newestAt = Max(newestAt, at);
                    Event(s, e, at, mergeRequests);
                }

                last = count < PerPage || !HasNext(page);
            }

            // The page read last is where the next cycle starts, while the after date stays the same: a part-read page
            // is read again, and events already handled are skipped by id.
            string newAfter = newestAt.UtcDateTime.Date.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (last || read == MaxPages)
            {
                string resume = newAfter == after ? $"|{after}|{pageNo.ToString(CultureInfo.InvariantCulture)}" : string.Empty;
                return new PollStreamCursor($"{newestId.ToString(CultureInfo.InvariantCulture)}|{Time(newestAt)}{resume}", null);
            }
        }
    }

    /// <summary>Offset paging by page number (GitLab's <c>Link</c> and <c>X-Next-Page</c> say the same), so a walk can resume.</summary>
    private static Uri PageUrl(PollSession s, string project, string after, int page) =>
        s.Api.Api($"{project}/events?sort=asc&per_page={PerPage}&after={after}" + (page > 1 ? $"&page={page.ToString(CultureInfo.InvariantCulture)}" : ""));

    private static bool HasNext(ApiResponse page) =>
        LinkHeaderPagination.NextUrl(page.Headers) is not null || RateLimitSnapshot.ReadLong(page.Headers, "X-Next-Page") is > 0;

    /// <summary>
    /// One project event: a push, a merge request's or issue's state change, or a note. The event's author is the actor and
    /// its time the occurrence's, except a note's own created_at and a merge request update's updated_at, as in the hooks.
    /// </summary>
    private static void Event(PollSession s, JsonElement e, DateTimeOffset at, List<JsonElement> mergeRequests)
    {
        string? login = NonBlank(e.Str("author_username") ?? e.Str("author.username"));
        string? name = e.Text("author.name");
        if (e.Get("push_data") is { } push)
        {
            string prefix = push.Text("ref_type") == "tag" ? "refs/tags/" : "refs/heads/";
            string branch = push.RequireStr("ref");
            string? to = push.Text("commit_to");
            s.Add(GitLabPushEvents.From(GitLabPollReader.Context(s, login, name, at, null), prefix + branch, push.Text("commit_from"), to));
            if (to is null || prefix != "refs/heads/")
            {
                return;
            }

            // A push to the source branch of a merge request that existed before it is that merge request's update.
            foreach (JsonElement mr in mergeRequests.Where(m => m.Text("source_branch") == branch && m.Date("created_at") < at
                && (m.Date("merged_at") ?? m.Date("closed_at") ?? DateTimeOffset.MaxValue) >= at))
            {
                GitLabPollReader.MergeRequest(s, mr, "update", at, to);
            }

            return;
        }

        string? targetType = e.Text("target_type");
        string? action = e.Text("action_name");
        if (targetType is "MergeRequest" or "Issue" && (action switch { "opened" => "open", "reopened" => "reopen", "accepted" => "merge", "closed" => "close", _ => null }) is { } hookAction)
        {
            // Only merge requests are merged (the Issue Hook has no merge action); an item without an iid keys nothing.
            if (e.Long("target_iid") is not { } number || (targetType == "Issue" && hookAction == "merge"))
            {
                return;
            }

            EventContext c = GitLabPollReader.Context(s, login, name, at, null);
            string? title = e.Text("target_title");
            s.Add(targetType == "Issue"
                ? GitLabIssueEvents.Create(c, hookAction, number, title, null, null)
                : GitLabMergeRequestEvents.Create(c, hookAction, number, title, null, null, null, null));
        }
        else if (e.Get("note") is { } note)
        {
            // A note on a noteable the hooks do not normalize, or without the ids its key needs, yields nothing.
            if (GitLabNoteEvents.Kind(note.Text("noteable_type")) is not { } kind || note.Long("id") is not { } id)
            {
                return;
            }

            long? number = kind == EventKind.CommentCreatedOnCommit ? null : note.Long("noteable_iid");
            if (number is null && kind != EventKind.CommentCreatedOnCommit)
            {
                return;
            }

            EventContext c = GitLabPollReader.Context(s, login, name, note.Date("created_at") ?? at, null);
            s.Add(GitLabNoteEvents.Comment(c, kind, number, e.Text("target_title"), null, note.Text("commit_id"),
                id.ToString(CultureInfo.InvariantCulture), note.Str("body"), null));
        }
    }

    private static string? NonBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    /// <summary>The events cursor; also read by the merge request stream, which starts no later than it.</summary>
    internal static (long Id, DateTimeOffset? At, string? After, int Page) Cursor(PollStreamCursor? cursor)
    {
        string[] parts = (cursor?.Cursor ?? string.Empty).Split('|');
        return (long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long id) ? id : 0,
            parts.Length > 1 ? ParseTime(parts[1]) : null,
            parts.Length > 3 ? parts[2] : null,
            parts.Length > 3 && int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out int page) ? page : 1);
    }
}
