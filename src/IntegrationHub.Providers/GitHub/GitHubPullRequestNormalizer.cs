using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.GitHub;

/// <summary>
/// GitHub <c>pull_request</c> (opened, reopened, synchronize, closed) and <c>pull_request_review_comment</c> (created):
/// reads the delivery and leaves the events to <see cref="GitHubPullRequestEvents"/> and <see cref="GitHubCommentEvents"/>,
/// which the poll calls too. https://docs.github.com/en/webhooks/webhook-events-and-payloads#pull_request
/// </summary>
internal static class GitHubPullRequestNormalizer
{
    public static NormalizationResult PullRequest(JsonElement root, Func<string[], EventContext> context)
    {
        string? action = root.Text("action");
        if (!GitHubPullRequestEvents.Handles(action))
        {
            return GitHubEventNormalizer.IgnoreAction("pull_request", action);
        }

        JsonElement pr = root.Get("pull_request") ?? throw new PayloadException("missing required field 'pull_request'");
        long number = pr.RequireLong("number");
        EventContext c = context(GitHubPullRequestEvents.ActorFallbacks(action));
        return NormalizationResult.Of([GitHubPullRequestEvents.Of(c, action, pr, number, root.Text("after"))!]);
    }

    public static NormalizationResult ReviewComment(JsonElement root, Func<string[], EventContext> context)
    {
        string? action = root.Text("action");
        if (action != "created")
        {
            return GitHubEventNormalizer.IgnoreAction("pull_request_review_comment", action);
        }

        JsonElement comment = root.Get("comment") ?? throw new PayloadException("missing required field 'comment'");
        EventContext c = context(GitHubCommentEvents.ActorFallbacks);
        string commentId = comment.RequireStr("id");
        return NormalizationResult.Of([GitHubCommentEvents.OnDiff(c, comment, commentId, root.RequireLong("pull_request.number"), root.Get("pull_request"))]);
    }
}
