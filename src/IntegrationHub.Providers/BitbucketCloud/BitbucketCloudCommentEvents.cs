using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.BitbucketCloud;

/// <summary>
/// A Bitbucket Cloud comment event from a comment object, which the hooks and the REST comment lists share (text in
/// <c>content.raw</c>): keyed by the comment's id, at its creation time, credited to its <c>user</c> when the context
/// names no actor, with the mentions of its text.
/// https://developer.atlassian.com/cloud/bitbucket/rest/api-group-pullrequests/#api-repositories-workspace-repo-slug-pullrequests-pull-request-id-comments-get
/// </summary>
internal static class BitbucketCloudCommentEvents
{
    /// <param name="c">The repository, the actor if known, and the fallback time.</param>
    /// <param name="kind">What the comment is on.</param>
    /// <param name="target">What it is on: the pull request's or issue's number and title, or the commit.</param>
    /// <param name="comment">The comment object.</param>
    public static NormalizedEvent Created(EventContext c, EventKind kind, EventDetails target, JsonElement comment)
    {
        string commentId = comment.RequireStr("id");
        string? text = comment.Str("content.raw");
        return c.OrCredit(BitbucketCloudContext.User(comment.Get("user"))).Create(kind, NaturalKeys.Comment(c.RepoId, commentId),
            target with { CommentId = commentId, CommentExcerpt = Excerpts.Of(text) },
            comment.Text("links.html.href"), MentionParser.Parse(text), comment.FirstDate("created_on", "updated_on"));
    }

    /// <summary>A comment on a pull request.</summary>
    public static NormalizedEvent OnPullRequest(EventContext c, JsonElement pr, JsonElement comment) =>
        Created(c, EventKind.CommentCreatedOnPullRequest, BitbucketCloudPullRequestEvents.Target(pr), comment);
}
