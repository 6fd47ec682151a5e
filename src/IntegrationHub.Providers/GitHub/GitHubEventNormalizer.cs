using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.GitHub;

/// <summary>
/// Normalizes GitHub webhook deliveries. The event is named only by the <c>X-GitHub-Event</c> header; the body's
/// <c>action</c> refines it. https://docs.github.com/en/webhooks/webhook-events-and-payloads
/// </summary>
public sealed class GitHubEventNormalizer : IEventNormalizer
{
    /// <inheritdoc />
    public ProviderKind Provider => ProviderKind.GitHub;

    /// <inheritdoc />
    public NormalizationResult Normalize(string? eventName, ReadOnlyMemory<byte> body, DateTimeOffset receivedAt)
    {
        if (string.IsNullOrWhiteSpace(eventName))
        {
            return NormalizationResult.Invalid("GitHub names the event only in the X-GitHub-Event header, and none was given");
        }

        return EventNormalization.Run(body, root => Read(eventName.Trim(), root, fallbacks => GitHubContext.Of(root, receivedAt, fallbacks)));
    }

    /// <summary>
    /// One event's payload read into events. <paramref name="context"/> gives what the events share, from the places the
    /// event kind names for its actor when there is no sender: a delivery's repository and sender (its time the receipt),
    /// or, for the events feed, whose payloads are the webhook's less repository and sender, the polled repository and the
    /// feed item's actor and time. Either time is only the fallback for a payload that names none of its own.
    /// </summary>
    internal static NormalizationResult Read(string eventName, JsonElement root, Func<string[], EventContext> context) => eventName switch
    {
        "ping" => NormalizationResult.Ignore("ping: GitHub's test delivery when a hook is created"),
        "push" => GitHubPushNormalizer.Push(root, context),
        "create" => GitHubPushNormalizer.CreateOrDelete(root, created: true),
        "delete" => GitHubPushNormalizer.CreateOrDelete(root, created: false),
        "pull_request" => GitHubPullRequestNormalizer.PullRequest(root, context),
        "pull_request_review_comment" => GitHubPullRequestNormalizer.ReviewComment(root, context),
        "issues" => GitHubIssueNormalizer.Issue(root, context),
        "issue_comment" => GitHubIssueNormalizer.IssueComment(root, context),
        "commit_comment" => GitHubIssueNormalizer.CommitComment(root, context),
        "workflow_run" => GitHubCiNormalizer.WorkflowRun(root, context),
        "status" => GitHubCiNormalizer.Status(root, context),
        string other => NormalizationResult.Ignore($"GitHub '{other}' events are not normalized"),
    };

    internal static NormalizationResult IgnoreAction(string eventName, string? action) =>
        NormalizationResult.Ignore($"GitHub '{eventName}' with action '{action ?? "(none)"}' is not normalized");
}
