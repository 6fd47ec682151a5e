using System.Globalization;
using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.AzureDevOps;

/// <summary>
/// Azure DevOps pull requests and their comments.
/// <c>git.pullrequest.updated</c> covers every change: status <c>completed</c> is the merge, <c>abandoned</c> the close,
/// and an active one is keyed by its source commit (<c>lastMergeSourceCommit</c>), so reviewer or title changes dedupe
/// with the last push. <c>git.pullrequest.merged</c> is "merge attempted": Azure fires it for its preview merges of
/// active pull requests too, so only a completed pull request counts as merged.
/// https://learn.microsoft.com/azure/devops/service-hooks/events#pull-request-updated
/// </summary>
internal static class AzureDevOpsPullRequestNormalizer
{
    public static NormalizationResult PullRequest(string eventType, JsonElement pr, DateTimeOffset notifiedAt)
    {
        long number = pr.RequireLong("pullRequestId");
        string? status = pr.Text("status");
        string? headSha = pr.Text("lastMergeSourceCommit.commitId");
        EventKind? kind = (eventType, status) switch
        {
            ("git.pullrequest.created", _) => EventKind.PullRequestOpened,
            (_, "completed") => EventKind.PullRequestMerged,
            ("git.pullrequest.updated", "abandoned") => EventKind.PullRequestClosed,
            ("git.pullrequest.updated", "active") => EventKind.PullRequestUpdated,
            _ => null,
        };
        if (kind is not { } k)
        {
            return NormalizationResult.Ignore($"Azure DevOps '{eventType}' with status '{status ?? "(none)"}' is not normalized");
        }

        DateTimeOffset occurredAt = k switch
        {
            EventKind.PullRequestOpened => pr.Date("creationDate"),
            EventKind.PullRequestMerged or EventKind.PullRequestClosed => pr.Date("closedDate"),
            _ => null,
        } ?? notifiedAt;
        JsonElement? who = k is EventKind.PullRequestMerged or EventKind.PullRequestClosed ? pr.Get("closedBy") ?? pr.Get("createdBy") : pr.Get("createdBy");
        EventContext context = AzureDevOpsContext.Of(pr, "resource", who, occurredAt);
        string repo = context.RepoId;
        var details = new EventDetails { Number = number, Title = pr.Text("title"), HeadSha = headSha, Ref = pr.Text("sourceRefName") };
        string? url = WebUrl(pr, context, number);
        NormalizedEvent e = k switch
        {
            EventKind.PullRequestOpened => context.Create(k, NaturalKeys.PullRequestOpened(repo, number), details, url,
                MentionParser.Parse(pr.Str("title"), pr.Str("description"))),
            EventKind.PullRequestMerged => context.Create(k, NaturalKeys.PullRequestMerged(repo, number), details, url),
            // closedDate is the same in the hook and the pull request list until the next abandonment (a reactivated
            // pull request can be abandoned again).
            EventKind.PullRequestClosed => context.Create(k, NaturalKeys.PullRequestClosed(repo, number, occurredAt), details, url),
            _ => context.Create(k, NaturalKeys.PullRequestUpdated(repo, number,
                headSha ?? throw new PayloadException("missing required field 'resource.lastMergeSourceCommit.commitId'")), details, url),
        };
        return NormalizationResult.Of([e]);
    }

    /// <summary>
    /// <c>ms.vss-code.git-pullrequest-comment-event</c> fires when a comment is added and when it is edited; both carry the
    /// same comment and so the same natural key. System comments (votes, status changes) are not normalized.
    /// </summary>
    public static NormalizationResult Comment(JsonElement resource, DateTimeOffset notifiedAt)
    {
        JsonElement comment = resource.Get("comment") ?? throw new PayloadException("missing required field 'resource.comment'");
        if (comment.Text("commentType") == "system")
        {
            return NormalizationResult.Ignore("Azure DevOps system comments are not normalized");
        }

        JsonElement pr = resource.Get("pullRequest") ?? throw new PayloadException("missing required field 'resource.pullRequest'");
        long number = pr.RequireLong("pullRequestId");
        EventContext context = AzureDevOpsContext.Of(pr, "resource.pullRequest", comment.Get("author"),
            comment.FirstDate("publishedDate", "lastUpdatedDate") ?? notifiedAt, comment.Text("_links.repository.href"));
        string? threadId = LastSegment(comment.Text("_links.threads.href"));
        string commentId = CommentKey(number, threadId, comment.RequireStr("id"));
        string? text = comment.Str("content");
        var details = new EventDetails
        {
            Number = number,
            Title = pr.Text("title"),
            HeadSha = pr.Text("lastMergeSourceCommit.commitId"),
            CommentId = commentId,
            CommentExcerpt = Excerpts.Of(text),
        };
        string? url = WebUrl(pr, context, number) is { } prUrl && threadId is not null
            ? $"{prUrl.Split('#')[0]}?discussionId={threadId}"
            : WebUrl(pr, context, number);
        return NormalizationResult.Of([context.Create(EventKind.CommentCreatedOnPullRequest,
            NaturalKeys.Comment(context.RepoId, commentId), details, url, MentionParser.Parse(text))]);
    }

    private static string? WebUrl(JsonElement pr, EventContext context, long number) =>
        pr.Text("_links.web.href")
        ?? (context.Repository.HtmlUrl is { } web ? $"{web}/pullrequest/{number}" : null);

    private static string? LastSegment(string? url) =>
        url is null ? null : url.TrimEnd('/')[(url.TrimEnd('/').LastIndexOf('/') + 1)..] is { Length: > 0 } s ? s : null;

    /// <summary>
    /// Azure DevOps comment ids count from 1 inside each thread, so the key's comment id here is
    /// <c>{pullRequestId}/{threadId}/{commentId}</c>, which the threads API also yields.
    /// </summary>
    private static string CommentKey(long pullRequestId, string? threadId, string commentId) =>
        $"{pullRequestId.ToString(CultureInfo.InvariantCulture)}/{threadId ?? "-"}/{commentId}";
}
