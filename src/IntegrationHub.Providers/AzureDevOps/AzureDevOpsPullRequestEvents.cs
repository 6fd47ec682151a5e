using System.Globalization;
using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.AzureDevOps;

/// <summary>
/// Pull request and comment events from the pull request object, which is the same in the service hooks' <c>resource</c>
/// and in the REST lists: the hook normalizer and the poll both call here, so keys, details, actors, times and pages are
/// decided once. Which hook and status make which kind is <see cref="Kind"/>.
/// https://learn.microsoft.com/azure/devops/service-hooks/events#pull-request-updated
/// </summary>
internal static class AzureDevOpsPullRequestEvents
{
    /// <summary>
    /// <c>git.pullrequest.updated</c> covers every change: status <c>completed</c> is the merge, <c>abandoned</c> the close,
    /// and an active one is new commits. <c>git.pullrequest.merged</c> is "merge attempted": Azure fires it for its preview
    /// merges of active pull requests too, so only a completed pull request counts as merged.
    /// </summary>
    public static EventKind? Kind(string eventType, string? status) => (eventType, status) switch
    {
        ("git.pullrequest.created", _) => EventKind.PullRequestOpened,
        (_, "completed") => EventKind.PullRequestMerged,
        ("git.pullrequest.updated", "abandoned") => EventKind.PullRequestClosed,
        ("git.pullrequest.updated", "active") => EventKind.PullRequestUpdated,
        _ => null,
    };

    /// <param name="kind">From <see cref="Kind"/>.</param>
    /// <param name="pr">The pull request object.</param>
    /// <param name="notifiedAt">The time when the object names none for this kind.</param>
    /// <param name="headSha">The source commit, when it is not the object's <c>lastMergeSourceCommit</c> (a push the poll read).</param>
    public static NormalizedEvent Create(EventKind kind, JsonElement pr, DateTimeOffset notifiedAt, string? headSha = null)
    {
        long number = pr.RequireLong("pullRequestId");
        headSha ??= pr.Text("lastMergeSourceCommit.commitId");
        DateTimeOffset occurredAt = kind switch
        {
            EventKind.PullRequestOpened => pr.Date("creationDate"),
            EventKind.PullRequestMerged or EventKind.PullRequestClosed => pr.Date("closedDate"),
            _ => null,
        } ?? notifiedAt;
        JsonElement? who = kind is EventKind.PullRequestMerged or EventKind.PullRequestClosed ? pr.Get("closedBy") ?? pr.Get("createdBy") : pr.Get("createdBy");
        EventContext context = AzureDevOpsContext.Of(pr, "resource", who, occurredAt);
        string repo = context.RepoId;
        var details = new EventDetails { Number = number, Title = pr.Text("title"), HeadSha = headSha, Ref = pr.Text("sourceRefName") };
        string? url = WebUrl(pr, context, number);
        return kind switch
        {
            EventKind.PullRequestOpened => context.Create(kind, NaturalKeys.PullRequestOpened(repo, number), details, url,
                MentionParser.Parse(pr.Str("title"), pr.Str("description"))),
            EventKind.PullRequestMerged => context.Create(kind, NaturalKeys.PullRequestMerged(repo, number), details, url),
            // closedDate is the same in the hook and the pull request list until the next abandonment (a reactivated
            // pull request can be abandoned again).
            EventKind.PullRequestClosed => context.Create(kind, NaturalKeys.PullRequestClosed(repo, number, occurredAt), details, url),
            // An active one is keyed by its source commit, so reviewer or title changes dedupe with the last push.
            _ => context.Create(kind, NaturalKeys.PullRequestUpdated(repo, number,
                headSha ?? throw new PayloadException("missing required field 'resource.lastMergeSourceCommit.commitId'")), details, url),
        };
    }

    /// <summary>System comments (votes, status changes) are not normalized.</summary>
    public static bool IsSystem(JsonElement comment) => comment.Text("commentType") == "system";

    /// <param name="comment">The comment object (not a system one).</param>
    /// <param name="threadId">Its thread's id.</param>
    /// <param name="repositoryHref">A further REST link naming the repository (the hook comment's <c>_links.repository.href</c>).</param>
    /// <param name="pr">The pull request object.</param>
    /// <param name="notifiedAt">The time when the comment names none.</param>
    public static NormalizedEvent Comment(JsonElement comment, string? threadId, string? repositoryHref, JsonElement pr, DateTimeOffset notifiedAt)
    {
        long number = pr.RequireLong("pullRequestId");
        EventContext context = AzureDevOpsContext.Of(pr, "resource.pullRequest", comment.Get("author"),
            comment.FirstDate("publishedDate", "lastUpdatedDate") ?? notifiedAt, repositoryHref);
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
        return context.Create(EventKind.CommentCreatedOnPullRequest, NaturalKeys.Comment(context.RepoId, commentId), details, url, MentionParser.Parse(text));
    }

    private static string? WebUrl(JsonElement pr, EventContext context, long number) =>
        pr.Text("_links.web.href")
        ?? (context.Repository.HtmlUrl is { } web ? $"{web}/pullrequest/{number}" : null);

    /// <summary>
    /// Azure DevOps comment ids count from 1 inside each thread, so the key's comment id here is
    /// <c>{pullRequestId}/{threadId}/{commentId}</c>, which the threads API also yields.
    /// </summary>
    private static string CommentKey(long pullRequestId, string? threadId, string commentId) =>
        $"{pullRequestId.ToString(CultureInfo.InvariantCulture)}/{threadId ?? "-"}/{commentId}";
}
