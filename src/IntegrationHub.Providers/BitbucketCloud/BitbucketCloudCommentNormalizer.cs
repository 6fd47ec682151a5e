using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.BitbucketCloud;

/// <summary>
/// Bitbucket Cloud comments on pull requests, commits and issues (all share the <c>comment</c> shape, built by
/// <see cref="BitbucketCloudCommentEvents"/> as the poll builds them), and <c>issue:created</c>.
/// https://support.atlassian.com/bitbucket-cloud/docs/event-payloads/#Comment-created
/// </summary>
internal static class BitbucketCloudCommentNormalizer
{
    public static NormalizationResult Comment(string eventName, JsonElement root, DateTimeOffset receivedAt)
    {
        JsonElement comment = root.Get("comment") ?? throw new PayloadException("missing required field 'comment'");
        (EventKind kind, EventDetails target) = eventName switch
        {
            "pullrequest:comment_created" => (EventKind.CommentCreatedOnPullRequest,
                BitbucketCloudPullRequestEvents.Target(root.Get("pullrequest") ?? throw new PayloadException("missing required field 'pullrequest'"))),
            "issue:comment_created" => (EventKind.CommentCreatedOnIssue, new EventDetails
            {
                Number = root.RequireLong("issue.id"),
                Title = root.Text("issue.title"),
            }),
            _ => (EventKind.CommentCreatedOnCommit, new EventDetails { CommitSha = root.RequireStr("commit.hash") }),
        };
        return NormalizationResult.Of([BitbucketCloudCommentEvents.Created(BitbucketCloudEventNormalizer.Context(root, receivedAt), kind, target, comment)]);
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
