using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.GitHub;

/// <summary>
/// GitHub <c>issues</c> (opened, reopened, closed), <c>issue_comment</c> (created; a pull request is an issue with a
/// <c>pull_request</c> member, so its conversation comments arrive here) and <c>commit_comment</c> (created): reads the
/// delivery and leaves the events to <see cref="GitHubIssueEvents"/> and <see cref="GitHubCommentEvents"/>, which the
/// poll calls too. https://docs.github.com/en/webhooks/webhook-events-and-payloads#issue_comment
/// </summary>
internal static class GitHubIssueNormalizer
{
    public static NormalizationResult Issue(JsonElement root, Func<string[], EventContext> context)
    {
        string? action = root.Text("action");
        if (!GitHubIssueEvents.Handles(action))
        {
            return GitHubEventNormalizer.IgnoreAction("issues", action);
        }

        JsonElement issue = root.Get("issue") ?? throw new PayloadException("missing required field 'issue'");
        long number = issue.RequireLong("number");
        EventContext c = context(GitHubIssueEvents.ActorFallbacks(action));
        return NormalizationResult.Of([GitHubIssueEvents.Of(c, action, issue, number)!]);
    }

    public static NormalizationResult IssueComment(JsonElement root, Func<string[], EventContext> context)
    {
        string? action = root.Text("action");
        if (action != "created")
        {
            return GitHubEventNormalizer.IgnoreAction("issue_comment", action);
        }

        JsonElement issue = root.Get("issue") ?? throw new PayloadException("missing required field 'issue'");
        long number = issue.RequireLong("number");
        (EventContext c, JsonElement comment, string commentId) = Comment(root, context);
        return NormalizationResult.Of([GitHubCommentEvents.OnIssue(c, comment, commentId, number, issue.Text("title"), issue.Get("pull_request") is not null)]);
    }

    public static NormalizationResult CommitComment(JsonElement root, Func<string[], EventContext> context)
    {
        string? action = root.Text("action");
        if (action != "created")
        {
            return GitHubEventNormalizer.IgnoreAction("commit_comment", action);
        }

        (EventContext c, JsonElement comment, string commentId) = Comment(root, context);
        return NormalizationResult.Of([GitHubCommentEvents.OnCommit(c, comment, commentId)]);
    }

    private static (EventContext Context, JsonElement Comment, string Id) Comment(JsonElement root, Func<string[], EventContext> context)
    {
        JsonElement comment = root.Get("comment") ?? throw new PayloadException("missing required field 'comment'");
        return (context(GitHubCommentEvents.ActorFallbacks), comment, comment.RequireStr("id"));
    }
}
