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

        return EventNormalization.Run(body, root => eventName.Trim() switch
        {
            "ping" => NormalizationResult.Ignore("ping: GitHub's test delivery when a hook is created"),
            "push" => GitHubPushNormalizer.Push(root, receivedAt),
            "create" => GitHubPushNormalizer.CreateOrDelete(root, created: true),
            "delete" => GitHubPushNormalizer.CreateOrDelete(root, created: false),
            "pull_request" => GitHubPullRequestNormalizer.PullRequest(root, receivedAt),
            "pull_request_review_comment" => GitHubPullRequestNormalizer.ReviewComment(root, receivedAt),
            "issues" => GitHubIssueNormalizer.Issue(root, receivedAt),
            "issue_comment" => GitHubIssueNormalizer.IssueComment(root, receivedAt),
            "commit_comment" => GitHubIssueNormalizer.CommitComment(root, receivedAt),
            "workflow_run" => GitHubCiNormalizer.WorkflowRun(root, receivedAt),
            "status" => GitHubCiNormalizer.Status(root, receivedAt),
            string other => NormalizationResult.Ignore($"GitHub '{other}' events are not normalized"),
        });
    }

    /// <summary>The repository and sender every repository event carries, from its fallbacks when missing: see <see cref="GitHubContext"/>.</summary>
    internal static EventContext Context(JsonElement root, DateTimeOffset occurredAt, params ReadOnlySpan<string> actorFallbacks) =>
        GitHubContext.Of(root, occurredAt, actorFallbacks);

    internal static NormalizationResult IgnoreAction(string eventName, string? action) =>
        NormalizationResult.Ignore($"GitHub '{eventName}' with action '{action ?? "(none)"}' is not normalized");
}
