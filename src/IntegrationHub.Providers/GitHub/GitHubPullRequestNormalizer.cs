using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.GitHub;

/// <summary>
/// GitHub <c>pull_request</c> (opened, reopened, synchronize, closed) and <c>pull_request_review_comment</c> (created).
/// A merge arrives as <c>closed</c> with <c>pull_request.merged: true</c>. A reopen and each closing are keyed by their time
/// (<c>updated_at</c>, <c>closed_at</c>), so close, reopen, close is three events.
/// https://docs.github.com/en/webhooks/webhook-events-and-payloads#pull_request
/// </summary>
internal static class GitHubPullRequestNormalizer
{
    public static NormalizationResult PullRequest(JsonElement root, DateTimeOffset receivedAt)
    {
        string? action = root.Text("action");
        if (action is not ("opened" or "reopened" or "synchronize" or "closed"))
        {
            return GitHubEventNormalizer.IgnoreAction("pull_request", action);
        }

        JsonElement pr = root.Get("pull_request") ?? throw new PayloadException("missing required field 'pull_request'");
        long number = pr.RequireLong("number");
        string? headSha = pr.Text("head.sha");
        bool merged = pr.Bool("merged") == true;
        DateTimeOffset occurredAt = action switch
        {
            "opened" => pr.FirstDate("created_at", "updated_at"),
            "closed" => merged ? pr.FirstDate("merged_at", "closed_at", "updated_at") : pr.FirstDate("closed_at", "updated_at"),
            _ => pr.Date("updated_at"),
        } ?? receivedAt;

        // Without a sender, only an opening is known to be the author's own act.
        EventContext context = GitHubEventNormalizer.Context(root, occurredAt, action == "opened" ? ["pull_request.user.login"] : []);
        string repo = context.RepoId;
        var details = new EventDetails { Number = number, Title = pr.Text("title"), HeadSha = headSha, Ref = pr.Text("head.ref") };
        string? htmlUrl = pr.Text("html_url");
        NormalizedEvent e = action switch
        {
            "opened" => context.Create(EventKind.PullRequestOpened, NaturalKeys.PullRequestOpened(repo, number),
                details, htmlUrl, MentionParser.Parse(pr.Str("title"), pr.Str("body"))),
            // A reopen is stamped updated_at, as the feed's copy of the same delivery is; mentions were counted at opening.
            "reopened" => context.Create(EventKind.PullRequestOpened, NaturalKeys.PullRequestReopened(repo, number, occurredAt), details, htmlUrl),
            "synchronize" => context.Create(EventKind.PullRequestUpdated,
                NaturalKeys.PullRequestUpdated(repo, number, headSha ?? root.RequireStr("after")), details, htmlUrl),
            _ when merged => context.Create(EventKind.PullRequestMerged, NaturalKeys.PullRequestMerged(repo, number), details, htmlUrl),
            // closed_at is the same in the hook and in the pulls list until the next close.
            _ => context.Create(EventKind.PullRequestClosed, NaturalKeys.PullRequestClosed(repo, number, occurredAt), details, htmlUrl),
        };
        return NormalizationResult.Of([e]);
    }

    public static NormalizationResult ReviewComment(JsonElement root, DateTimeOffset receivedAt)
    {
        string? action = root.Text("action");
        if (action != "created")
        {
            return GitHubEventNormalizer.IgnoreAction("pull_request_review_comment", action);
        }

        JsonElement comment = root.Get("comment") ?? throw new PayloadException("missing required field 'comment'");
        EventContext context = GitHubEventNormalizer.Context(root, comment.FirstDate("created_at", "updated_at") ?? receivedAt, "comment.user.login");
        string commentId = comment.RequireStr("id");
        string? body = comment.Str("body");
        var details = new EventDetails
        {
            Number = root.RequireLong("pull_request.number"),
            Title = root.Text("pull_request.title"),
            HeadSha = root.Text("pull_request.head.sha"),
            CommitSha = comment.Text("commit_id"),
            CommentId = commentId,
            CommentExcerpt = Excerpts.Of(body),
        };
        return NormalizationResult.Of([context.Create(EventKind.CommentCreatedOnPullRequest,
            NaturalKeys.Comment(context.RepoId, commentId), details, comment.Text("html_url"), MentionParser.Parse(body))]);
    }
}
