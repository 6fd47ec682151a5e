using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.BitbucketCloud;

/// <summary>
/// Bitbucket Cloud comments on pull requests, commits and issues (all share the <c>comment</c> shape, text in
/// <c>content.raw</c>), and <c>issue:created</c>.
/// https://support.atlassian.com/bitbucket-cloud/docs/event-payloads/#Comment-created
/// </summary>
internal static class BitbucketCloudCommentNormalizer
{
    public static NormalizationResult Comment(string eventName, JsonElement root, DateTimeOffset receivedAt)
    {
        JsonElement comment = root.Get("comment") ?? throw new PayloadException("missing required field 'comment'");
        (EventKind kind, EventDetails details) = eventName switch
        {
            "pullrequest:comment_created" => (EventKind.CommentCreatedOnPullRequest, new EventDetails
            {
                Number = root.RequireLong("pullrequest.id"),
                Title = root.Text("pullrequest.title"),
                HeadSha = root.Text("pullrequest.source.commit.hash"),
            }),
            "issue:comment_created" => (EventKind.CommentCreatedOnIssue, new EventDetails
            {
                Number = root.RequireLong("issue.id"),
                Title = root.Text("issue.title"),
            }),
            _ => (EventKind.CommentCreatedOnCommit, new EventDetails { CommitSha = root.RequireStr("commit.hash") }),
        };
        EventContext context = BitbucketCloudEventNormalizer.Context(root, comment.FirstDate("created_on", "updated_on") ?? receivedAt, "comment.user");
        string commentId = comment.RequireStr("id");
        string? text = comment.Str("content.raw");
        return NormalizationResult.Of([context.Create(kind, NaturalKeys.Comment(context.RepoId, commentId),
            details with { CommentId = commentId, CommentExcerpt = Excerpts.Of(text) },
            comment.Text("links.html.href"), MentionParser.Parse(text))]);
    }

    public static NormalizationResult IssueCreated(JsonElement root, DateTimeOffset receivedAt)
    {
        JsonElement issue = root.Get("issue") ?? throw new PayloadException("missing required field 'issue'");
        EventContext context = BitbucketCloudEventNormalizer.Context(root, issue.FirstDate("created_on", "updated_on") ?? receivedAt, "issue.reporter");
        long number = issue.RequireLong("id");
        return NormalizationResult.Of([context.Create(EventKind.IssueOpened, NaturalKeys.IssueOpened(context.RepoId, number),
            new EventDetails { Number = number, Title = issue.Text("title") }, issue.Text("links.html.href"),
            MentionParser.Parse(issue.Str("title"), issue.Str("content.raw")))]);
    }
}
