using System.Net;
using System.Text.Json;
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
/// Each item becomes its event through the builders the webhook normalizer calls too (<see cref="GitHubPullRequestEvents"/>,
/// <see cref="GitHubIssueEvents"/>, <see cref="GitHubCommentEvents"/>, <see cref="GitHubCiEvents"/>, <see cref="RefChangeEvents"/>):
/// same natural keys, times, details and mentions, without shaping a webhook body to parse again.
/// https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate
/// </summary>
internal sealed class GitHubPollReader(ApiTransport api) : IPollReader
{
    public ProviderKind Provider => ProviderKind.GitHub;

    public async Task<PollReadResult> ReadAsync(PollReadRequest request, CancellationToken cancellationToken)
    {
        var s = new PollSession(api, request);
        string repo = RepoPath(request.Repository);
        var heads = new GitHubPollPullHeads();
        await s.StreamAsync(PollStreams.Feed, c => GitHubPollFeed.ReadAsync(s, repo, c, cancellationToken)).ConfigureAwait(false);
        await s.StreamAsync(PollStreams.Pulls, c => GitHubPollPulls.ReadAsync(s, repo, c, heads, cancellationToken)).ConfigureAwait(false);
        await s.StreamAsync(PollStreams.PullHeads, _ => Task.FromResult(heads.Cursor())).ConfigureAwait(false);
        await s.StreamAsync(PollStreams.Issues, c => IssuesAsync(s, repo, c, cancellationToken)).ConfigureAwait(false);
        await s.StreamAsync(PollStreams.Comments, c => CommentsAsync(s, repo, c, cancellationToken)).ConfigureAwait(false);
        await s.StreamAsync(PollStreams.ReviewComments, c => GitHubPollReviewComments.ReadAsync(s, repo, c, cancellationToken)).ConfigureAwait(false);
        await s.StreamAsync(PollStreams.CommitComments, c => GitHubPollCommitComments.ReadAsync(s, repo, c, cancellationToken)).ConfigureAwait(false);
        await s.StreamAsync(PollStreams.Runs, c => GitHubPollRuns.ReadAsync(s, repo, c, cancellationToken), optional: true).ConfigureAwait(false);
        await GitHubPollRefs.ReadAsync(s, repo, cancellationToken).ConfigureAwait(false);
        await s.StreamAsync(PollStreams.Tags, c => GitHubPollTags.ReadAsync(s, repo, c, cancellationToken)).ConfigureAwait(false);
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

    /// <summary>
    /// The context of one polled item: the repository from the request, plus its page where the item names it (a pull
    /// request's base, a run's repository), as the webhook's context reads it; the actor as the reader found it. The
    /// time is the fallback for an item that carries none of its own.
    /// </summary>
    internal static EventContext Context(PollSession s, string? actorLogin, DateTimeOffset at, string? repositoryPage = null)
    {
        EventContext c = s.Context(actorLogin, at);
        return repositoryPage is null ? c : c with { Repository = c.Repository with { HtmlUrl = repositoryPage } };
    }

    /// <summary>A user object's login; a blank one counts as none, as the webhook's sender does.</summary>
    internal static string? Login(JsonElement? user) => user?.Text("login");

    /// <summary>Issues (pull requests skipped) updated since the cursor: opened and closed.</summary>
    private static async Task<PollStreamCursor?> IssuesAsync(PollSession s, string repo, PollStreamCursor? cursor, CancellationToken ct)
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

            if (issue.Long("number") is not { } number)
            {
                continue;
            }

            if (issue.Date("created_at") >= s.Request.WatchedSince)
            {
                s.Add(GitHubIssueEvents.Opened(Context(s, Login(issue.Get("user")), updated), issue, number));
            }

            if (issue.Text("state") == "closed")
            {
                s.Add(GitHubIssueEvents.Closed(Context(s, Login(issue.Get("closed_by") ?? issue.Get("user")), updated), issue, number));
            }
        }

        // The cursor moves the URL (since=...), so the ETag only helps while nothing changed.
        return new PollStreamCursor(Time(newest), newest == since ? page.Headers.ETag?.ToString() : null);
    }

    /// <summary>Issue and pull request conversation comments created since the cursor.</summary>
    private static async Task<PollStreamCursor?> CommentsAsync(PollSession s, string repo, PollStreamCursor? cursor, CancellationToken ct)
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
            if (issueUrl is null || !long.TryParse(issueUrl[(issueUrl.LastIndexOf('/') + 1)..], out long number)
                || comment.Text("id") is not { } id)
            {
                continue;
            }

            // The list names neither the issue's title nor whether it is a pull request; the comment's page says the latter.
            bool onPull = comment.Text("html_url")?.Contains("/pull/", StringComparison.Ordinal) == true;
            s.Add(GitHubCommentEvents.OnIssue(Context(s, Login(comment.Get("user")), created), comment, id, number, title: null, onPull));
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
