using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.Poll;
using static IntegrationHub.Providers.Poll.PollJson;

namespace IntegrationHub.Providers.GitHub;

/// <summary>
/// GitHub's cheapest faithful read. Every GET is conditional (a 304 costs no rate limit and advances nothing). The
/// repository events feed names every push but lags 30 s to hours, so no event kind depends on it: the resources are
/// read too: pulls (state=all, sort=updated; a moved head sha is an update), issues, conversation and review comments
/// with <c>since</c>, commit comments, completed workflow runs, branch heads and the statuses of moved heads, tags; and the
/// hook's deliveries list is swept for failures to redeliver. The feed stays as a bonus: it tells pushes in between.
/// Items are turned into webhook-shaped bodies and run through <see cref="GitHubEventNormalizer"/>: same natural keys.
/// https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate
/// </summary>
internal sealed class GitHubPollReader(ApiTransport api) : IPollReader
{
    internal static readonly GitHubEventNormalizer Normalizer = new();

    public ProviderKind Provider => ProviderKind.GitHub;

    public async Task<PollReadResult> ReadAsync(PollReadRequest request, CancellationToken cancellationToken)
    {
        var s = new PollSession(api, request);
        string repo = RepoPath(request.Repository);
        JsonObject context = Context(request.Repository);
        var heads = new GitHubPollPullHeads();
        await s.StreamAsync(PollStreams.Feed, c => GitHubPollFeed.ReadAsync(s, repo, context, c, cancellationToken)).ConfigureAwait(false);
        await s.StreamAsync(PollStreams.Pulls, c => GitHubPollPulls.ReadAsync(s, repo, context, c, heads, cancellationToken)).ConfigureAwait(false);
        await s.StreamAsync(PollStreams.PullHeads, _ => Task.FromResult(heads.Cursor())).ConfigureAwait(false);
        await s.StreamAsync(PollStreams.Issues, c => IssuesAsync(s, repo, context, c, cancellationToken)).ConfigureAwait(false);
        await s.StreamAsync(PollStreams.Comments, c => CommentsAsync(s, repo, context, c, cancellationToken)).ConfigureAwait(false);
        await s.StreamAsync(PollStreams.ReviewComments, c => GitHubPollReviewComments.ReadAsync(s, repo, context, c, cancellationToken)).ConfigureAwait(false);
        await s.StreamAsync(PollStreams.CommitComments, c => GitHubPollCommitComments.ReadAsync(s, repo, context, c, cancellationToken)).ConfigureAwait(false);
        await s.StreamAsync(PollStreams.Runs, c => GitHubPollRuns.ReadAsync(s, repo, context, c, cancellationToken), optional: true).ConfigureAwait(false);
        await GitHubPollRefs.ReadAsync(s, repo, context, cancellationToken).ConfigureAwait(false);
        await s.StreamAsync(PollStreams.Tags, c => GitHubPollTags.ReadAsync(s, repo, context, c, cancellationToken)).ConfigureAwait(false);
        if (request.ProviderHookId is { } hookId)
        {
            await s.StreamAsync(PollStreams.Deliveries, c => GitHubDeliverySweep.ReadAsync(s, repo, hookId, c, cancellationToken), optional: true).ConfigureAwait(false);
        }

        return s.Result();
    }

    internal static string RepoPath(RepositoryRef repository)
    {
        (string owner, string name) = repository.SplitPath();
        return $"/repos/{BaseUrls.Segment(owner)}/{BaseUrls.Segment(name)}";
    }

    /// <summary>The <c>repository</c> member the normalizer reads; the sender is added per item.</summary>
    private static JsonObject Context(RepositoryRef repository) =>
        Obj(("id", repository.ExternalId), ("full_name", repository.FullPath));

    internal static JsonObject Body(JsonObject repository, JsonElement? sender, params (string Key, JsonNode? Value)[] members)
    {
        JsonObject body = Obj(members);
        body["repository"] = repository.DeepClone();
        body["sender"] = Obj(("login", sender?.Str("login")));
        return body;
    }

    /// <summary>Issues (pull requests skipped) updated since the cursor: opened and closed.</summary>
    private static async Task<PollStreamCursor?> IssuesAsync(PollSession s, string repo, JsonObject context, PollStreamCursor? cursor, CancellationToken ct)
    {
        if (await ReadAsync(s, cursor, t => s.Api.Api($"{repo}/issues?state=all&sort=updated&direction=asc&per_page=100&since={Uri.EscapeDataString(Time(t))}"), ct)
            .ConfigureAwait(false) is not var (page, since))
        {
            return null;
        }

        DateTimeOffset newest = since;
        using JsonDocument doc = s.Parse(page);
        foreach (JsonElement issue in doc.RootElement.EnumerateArray())
        {
            DateTimeOffset updated = issue.Date("updated_at") ?? since;
            newest = Max(newest, updated);
            if (issue.Get("pull_request") is not null)
            {
                continue;
            }

            if (issue.Date("created_at") >= s.Request.WatchedSince)
            {
                s.Normalize(Normalizer, "issues", Body(context, issue.Get("user"), ("action", "opened"), ("issue", Copy(issue))), updated);
            }

            if (issue.Text("state") == "closed")
            {
                s.Normalize(Normalizer, "issues", Body(context, issue.Get("closed_by") ?? issue.Get("user"), ("action", "closed"), ("issue", Copy(issue))), updated);
            }
        }

        // The cursor moves the URL (since=...), so the ETag only helps while nothing changed.
        return new PollStreamCursor(Time(newest), newest == since ? page.Headers.ETag?.ToString() : null);
    }

    /// <summary>Issue and pull request conversation comments created since the cursor.</summary>
    private static async Task<PollStreamCursor?> CommentsAsync(PollSession s, string repo, JsonObject context, PollStreamCursor? cursor, CancellationToken ct)
    {
        if (await ReadAsync(s, cursor, t => s.Api.Api($"{repo}/issues/comments?sort=created&direction=asc&per_page=100&since={Uri.EscapeDataString(Time(t))}"), ct)
            .ConfigureAwait(false) is not var (page, since))
        {
            return null;
        }

        DateTimeOffset newest = since;
        using JsonDocument doc = s.Parse(page);
        foreach (JsonElement comment in doc.RootElement.EnumerateArray())
        {
            DateTimeOffset created = comment.Date("created_at") ?? since;
            newest = Max(newest, created);
            string? issueUrl = comment.Text("issue_url");
            if (issueUrl is null || !long.TryParse(issueUrl[(issueUrl.LastIndexOf('/') + 1)..], out long number))
            {
                continue;
            }

            JsonObject issue = Obj(("number", number));
            if (comment.Text("html_url")?.Contains("/pull/", StringComparison.Ordinal) == true)
            {
                issue["pull_request"] = new JsonObject();
            }

            s.Normalize(Normalizer, "issue_comment", Body(context, comment.Get("user"), ("action", "created"), ("issue", issue), ("comment", Copy(comment))), created);
        }

        return new PollStreamCursor(Time(newest), newest == since ? page.Headers.ETag?.ToString() : null);
    }

    /// <summary>
    /// One conditional read of a stream from the cursor's time (or from when watching began): null when GitHub answered
    /// 304, which costs no rate limit, yields no event and leaves the cursor where it is.
    /// </summary>
    private static async Task<(ApiResponse Page, DateTimeOffset Since)?> ReadAsync(PollSession s, PollStreamCursor? cursor,
        Func<DateTimeOffset, Uri> url, CancellationToken ct)
    {
        DateTimeOffset since = ParseTime(cursor?.Cursor) ?? s.Request.WatchedSince;
        ApiResponse page = await s.GetAsync(url(since), cursor?.ETag, ct).ConfigureAwait(false);
        return page.Status == HttpStatusCode.NotModified ? null : (page, since);
    }
}
