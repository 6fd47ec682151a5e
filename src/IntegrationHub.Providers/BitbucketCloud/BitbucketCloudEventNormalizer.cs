using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.BitbucketCloud;

/// <summary>
/// Normalizes Bitbucket Cloud webhook deliveries. Only the <c>X-Event-Key</c> header names the event.
/// https://support.atlassian.com/bitbucket-cloud/docs/event-payloads/
/// </summary>
public sealed class BitbucketCloudEventNormalizer : IEventNormalizer
{
    /// <inheritdoc />
    public ProviderKind Provider => ProviderKind.BitbucketCloud;

    /// <inheritdoc />
    public NormalizationResult Normalize(string? eventName, ReadOnlyMemory<byte> body, DateTimeOffset receivedAt)
    {
        if (string.IsNullOrWhiteSpace(eventName))
        {
            return NormalizationResult.Invalid("Bitbucket Cloud names the event only in the X-Event-Key header, and none was given");
        }

        return EventNormalization.Run(body, root => eventName.Trim() switch
        {
            "repo:push" => BitbucketCloudPushNormalizer.Push(root, receivedAt),
            "pullrequest:created" or "pullrequest:updated" or "pullrequest:fulfilled" or "pullrequest:rejected"
                => BitbucketCloudPullRequestNormalizer.PullRequest(eventName.Trim(), root, receivedAt),
            "pullrequest:comment_created" or "repo:commit_comment_created" or "issue:comment_created"
                => BitbucketCloudCommentNormalizer.Comment(eventName.Trim(), root, receivedAt),
            "issue:created" => BitbucketCloudCommentNormalizer.IssueCreated(root, receivedAt),
            "repo:commit_status_created" or "repo:commit_status_updated" => BitbucketCloudStatusNormalizer.Status(root, receivedAt),
            string other => NormalizationResult.Ignore($"Bitbucket Cloud '{other}' events are not normalized"),
        });
    }

    /// <summary>The repository and actor of a delivery, from their fallbacks when missing: see <see cref="BitbucketCloudContext"/>.</summary>
    internal static EventContext Context(JsonElement root, DateTimeOffset occurredAt, params ReadOnlySpan<string> actorFallbacks) =>
        BitbucketCloudContext.Of(root, occurredAt, actorFallbacks);
}
