using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.AzureDevOps;

/// <summary>
/// Normalizes Azure DevOps service-hook deliveries. The body names the event in <c>eventType</c>; any event name given
/// by the caller is only a fallback. https://learn.microsoft.com/azure/devops/service-hooks/events
/// </summary>
public sealed class AzureDevOpsEventNormalizer : IEventNormalizer
{
    /// <inheritdoc />
    public ProviderKind Provider => ProviderKind.AzureDevOps;

    /// <inheritdoc />
    public NormalizationResult Normalize(string? eventName, ReadOnlyMemory<byte> body, DateTimeOffset receivedAt) =>
        EventNormalization.Run(body, root =>
        {
            string? type = root.Text("eventType") ?? (string.IsNullOrWhiteSpace(eventName) ? null : eventName.Trim());
            JsonElement resource = root.Get("resource") ?? default;
            DateTimeOffset notifiedAt = root.Date("createdDate") ?? receivedAt;
            return type switch
            {
                null => NormalizationResult.Invalid("the body has no eventType"),
                _ when resource.ValueKind != JsonValueKind.Object => NormalizationResult.Invalid("missing required field 'resource'"),
                "git.push" => AzureDevOpsPushNormalizer.Push(resource, notifiedAt),
                "git.pullrequest.created" or "git.pullrequest.updated" or "git.pullrequest.merged"
                    => AzureDevOpsPullRequestNormalizer.PullRequest(type, resource, notifiedAt),
                "ms.vss-code.git-pullrequest-comment-event" => AzureDevOpsPullRequestNormalizer.Comment(resource, notifiedAt),
                "build.complete" => AzureDevOpsBuildNormalizer.BuildComplete(resource, notifiedAt),
                _ => NormalizationResult.Ignore($"Azure DevOps '{type}' events are not normalized"),
            };
        });
}
