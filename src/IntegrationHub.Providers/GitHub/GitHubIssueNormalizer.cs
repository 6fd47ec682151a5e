using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.GitHub;

/// <summary>
/// GitHub <c>issues</c> (opened, reopened, closed), <c>issue_comment</c> (created; a pull request is an issue with a
/// <c>pull_request</c> member, so its conversation comments arrive here) and <c>commit_comment</c> (created).
/// https://docs.github.com/en/webhooks/webhook-events-and-payloads#issue_comment
/// </summary>
internal static class GitHubIssueNormalizer
{
    public static NormalizationResult Issue(JsonElement root, DateTimeOffset receivedAt)
    {
        string? action = root.Text("action");
        if (action is not ("opened" or "reopened" or "closed"))
        {
            return GitHubEventNormalizer.IgnoreAction("issues", action);
        }

        JsonElement issue = root.Get("issue") ?? throw new PayloadException("missing required field 'issue'");
        long number = issue.RequireLong("number");
        DateTimeOffset occurredAt = (action switch
        {
            "opened" => issue.FirstDate("created_at", "updated_at"),
            "closed" => issue.FirstDate("closed_at", "updated_at"),
            _ => issue.Date("updated_at"),
        }) ?? receivedAt;
        // Without a sender, only an opening is known to be the author's own act.
        EventContext context = GitHubEventNormalizer.Context(root, occurredAt, action == "opened" ? ["issue.user.login"] : []);
        var details = new EventDetails { Number = number, Title = issue.Text("title") };
        string? url = issue.Text("html_url");
        NormalizedEvent e = action switch
        {
            // closed_at is the same in the hook and in the issues list until the next close; a reopen is stamped updated_at.
            "closed" => context.Create(EventKind.IssueClosed, NaturalKeys.IssueClosed(context.RepoId, number, occurredAt), details, url),
            "reopened" => context.Create(EventKind.IssueOpened, NaturalKeys.IssueReopened(context.RepoId, number, occurredAt), details, url),
            _ => context.Create(EventKind.IssueOpened, NaturalKeys.IssueOpened(context.RepoId, number), details, url,
                MentionParser.Parse(issue.Str("title"), issue.Str("body"))),
        };
        return NormalizationResult.Of([e]);
    }

    public static NormalizationResult IssueComment(JsonElement root, DateTimeOffset receivedAt)
    {
        string? action = root.Text("action");
        if (action != "created")
        {
            return GitHubEventNormalizer.IgnoreAction("issue_comment", action);
        }

        JsonElement issue = root.Get("issue") ?? throw new PayloadException("missing required field 'issue'");
        EventKind kind = issue.Get("pull_request") is not null ? EventKind.CommentCreatedOnPullRequest : EventKind.CommentCreatedOnIssue;
        return Comment(root, receivedAt, kind, new EventDetails { Number = issue.RequireLong("number"), Title = issue.Text("title") });
    }

    public static NormalizationResult CommitComment(JsonElement root, DateTimeOffset receivedAt)
    {
        string? action = root.Text("action");
        return action == "created"
            ? Comment(root, receivedAt, EventKind.CommentCreatedOnCommit, new EventDetails { CommitSha = root.Text("comment.commit_id") })
            : GitHubEventNormalizer.IgnoreAction("commit_comment", action);
    }

    private static NormalizationResult Comment(JsonElement root, DateTimeOffset receivedAt, EventKind kind, EventDetails details)
    {
        JsonElement comment = root.Get("comment") ?? throw new PayloadException("missing required field 'comment'");
        EventContext context = GitHubEventNormalizer.Context(root, comment.FirstDate("created_at", "updated_at") ?? receivedAt, "comment.user.login");
        string commentId = comment.RequireStr("id");
        string? body = comment.Str("body");
        return NormalizationResult.Of([context.Create(kind, NaturalKeys.Comment(context.RepoId, commentId),
            details with { CommentId = commentId, CommentExcerpt = Excerpts.Of(body) },
            comment.Text("html_url"), MentionParser.Parse(body))]);
    }
}
