using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.GitHub;

/// <summary>
/// Comment events from a comment object as both the hook and the REST lists print it (id, body, html_url, user, times),
/// shared by the webhook (<see cref="GitHubIssueNormalizer"/>, <see cref="GitHubPullRequestNormalizer"/>) and the poll.
/// What the comment is on comes as typed facts, since the lists say less of it than the hook (a pull request's number
/// from a URL, no title). https://docs.github.com/en/webhooks/webhook-events-and-payloads#issue_comment
/// </summary>
internal static class GitHubCommentEvents
{
    /// <summary>Where to look for the actor when a delivery has no sender: the comment's author.</summary>
    public static readonly string[] ActorFallbacks = ["comment.user.login"];

    /// <summary>A conversation comment on an issue, or on a pull request (which GitHub keeps as an issue).</summary>
    public static NormalizedEvent OnIssue(EventContext c, JsonElement comment, string commentId, long number, string? title, bool onPullRequest) =>
        Created(c, onPullRequest ? EventKind.CommentCreatedOnPullRequest : EventKind.CommentCreatedOnIssue, comment, commentId,
            new EventDetails { Number = number, Title = title });

    /// <summary>A review comment on a diff line; <paramref name="pr"/> is the pull request when the source names more than its number.</summary>
    public static NormalizedEvent OnDiff(EventContext c, JsonElement comment, string commentId, long number, JsonElement? pr) =>
        Created(c, EventKind.CommentCreatedOnPullRequest, comment, commentId, new EventDetails
        {
            Number = number,
            Title = pr?.Text("title"),
            HeadSha = pr?.Text("head.sha"),
            CommitSha = comment.Text("commit_id"),
        });

    public static NormalizedEvent OnCommit(EventContext c, JsonElement comment, string commentId) =>
        Created(c, EventKind.CommentCreatedOnCommit, comment, commentId, new EventDetails { CommitSha = comment.Text("commit_id") });

    private static NormalizedEvent Created(EventContext c, EventKind kind, JsonElement comment, string commentId, EventDetails details)
    {
        string? body = comment.Str("body");
        return c.Create(kind, NaturalKeys.Comment(c.RepoId, commentId), details with { CommentId = commentId, CommentExcerpt = Excerpts.Of(body) },
            comment.Text("html_url"), MentionParser.Parse(body), comment.FirstDate("created_at", "updated_at") ?? c.OccurredAt);
    }
}
