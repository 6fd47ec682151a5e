using System.Globalization;
using System.Text.Json;
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
/// Events are built from the REST items by the builders the hook normalizers use (<see cref="GitLabMergeRequestEvents"/>,
/// <see cref="GitLabIssueEvents"/>, <see cref="GitLabNoteEvents"/>, <see cref="GitLabPushEvents"/>,
/// <see cref="GitLabPipelineEvents"/>): same natural keys, details and mentions as the webhook's.
/// https://docs.gitlab.com/api/events/, https://docs.gitlab.com/api/merge_requests/#list-project-merge-requests
/// </summary>
internal sealed class GitLabPollReader(ApiTransport api) : IPollReader
{
    private const int MaxPages = 10;

    public ProviderKind Provider => ProviderKind.GitLab;

    public async Task<PollReadResult> ReadAsync(PollReadRequest request, CancellationToken cancellationToken)
    {
        var s = new PollSession(api, request);
        string project = $"/projects/{BaseUrls.Segment(request.Repository.ExternalId)}";
        var mergeRequests = new List<JsonElement>();
        using var docs = new DocumentBag();
        await s.StreamAsync(PollStreams.Pulls, c => MergeRequestsAsync(s, project, c, mergeRequests, docs, cancellationToken)).ConfigureAwait(false);
        await s.StreamAsync(PollStreams.Events, c => GitLabPollEvents.ReadAsync(s, project, c, mergeRequests, cancellationToken)).ConfigureAwait(false);
        await s.StreamAsync(PollStreams.Runs, c => PipelinesAsync(s, project, c, cancellationToken)).ConfigureAwait(false);
        return s.Result();
    }

    private static async Task<PollStreamCursor?> MergeRequestsAsync(PollSession s, string project, PollStreamCursor? cursor,
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
                    MergeRequest(s, mr, "open", updated);
                }

                string? action = mr.Text("state") switch { "merged" => "merge", "closed" => "close", _ => null };
                if (action is not null)
                {
                    MergeRequest(s, mr, action, updated);
                }
            }

            url = Next(s, url, page);
        }

        return new PollStreamCursor(Time(newest), null);
    }

    /// <summary>
    /// One merge request event from a list item (or, for an <c>update</c>, the item and the pushed head). The times are
    /// those the hook gives: created_at for an open, the list's merged_at or closed_at for a merge or close (else its
    /// updated_at), updated_at for an update; <paramref name="at"/> when the item has none.
    /// </summary>
    internal static void MergeRequest(PollSession s, JsonElement mr, string action, DateTimeOffset at, string? head = null)
    {
        if (mr.Long("iid") is not { } number)
        {
            return; // no iid, nothing to key: the hook normalizer finds such a body invalid
        }

        DateTimeOffset occurredAt = (action switch
        {
            "open" => mr.FirstDate("created_at", "updated_at"),
            "merge" => ProviderDates.Parse(mr.Str("merged_at") ?? mr.Str("updated_at")),
            "close" => ProviderDates.Parse(mr.Str("closed_at") ?? mr.Str("updated_at")),
            _ => mr.Date("updated_at"),
        }) ?? at;
        string? url = mr.Text("web_url");
        EventContext c = Context(s, mr.Text("author.username"), mr.Text("author.name"), occurredAt, url);
        s.Add(GitLabMergeRequestEvents.Create(c, action, number, mr.Text("title"), mr.Str("description"), head ?? mr.Text("sha"),
            mr.Text("source_branch"), url));
    }

    /// <summary>
    /// The request's project with the author as GitLab names them. REST items carry no project page, so, as for a hook
    /// body without one, the project's page is the one the item's page implies (<see cref="GitLabContext.ProjectUrl"/>).
    /// </summary>
    internal static EventContext Context(PollSession s, string? login, string? name, DateTimeOffset at, string? itemUrl)
    {
        EventContext c = s.Context(login, at);
        return c with
        {
            Actor = GitLabContext.Actor(login, name),
            Repository = c.Repository with { HtmlUrl = GitLabContext.ProjectUrl(itemUrl, c.Repository.FullPath) },
        };
    }

    private static async Task<PollStreamCursor?> PipelinesAsync(PollSession s, string project, PollStreamCursor? cursor, CancellationToken ct)
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
                    // The list has no finished_at: a final pipeline's updated_at is when it finished.
                    if (GitLabPipelineEvents.Outcome(p.Text("status")) is { } outcome && p.Long("id") is { } id)
                    {
                        string? web = p.Text("web_url");
                        s.Add(GitLabPipelineEvents.Completed(Context(s, null, null, updated, web), id.ToString(CultureInfo.InvariantCulture), outcome,
                            p.Text("name"), p.Text("ref"), tag: false, p.Text("sha"), web));
                    }
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
