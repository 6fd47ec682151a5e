using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.GitLab;

/// <summary>
/// Normalizes GitLab webhook deliveries. The body's <c>object_kind</c> names the event (the <c>X-Gitlab-Event</c> header
/// is only a fallback), so a payload can be explained without its headers. Test deliveries are ordinary events.
/// https://docs.gitlab.com/user/project/integrations/webhook_events/
/// </summary>
public sealed class GitLabEventNormalizer : IEventNormalizer
{
    /// <inheritdoc />
    public ProviderKind Provider => ProviderKind.GitLab;

    /// <inheritdoc />
    public NormalizationResult Normalize(string? eventName, ReadOnlyMemory<byte> body, DateTimeOffset receivedAt) =>
        // System hooks name push and tag push events in event_name as well; a body without either falls back to the header.
        EventNormalization.Run(body, root => (root.FirstText("object_kind", "event_name") ?? KindFromHeader(eventName)) switch
        {
            "push" or "tag_push" => GitLabPushNormalizer.Push(root, receivedAt),
            "merge_request" => GitLabMergeRequestNormalizer.MergeRequest(root, receivedAt),
            "note" => GitLabNoteNormalizer.Note(root, receivedAt),
            "issue" => GitLabIssueNormalizer.Issue(root, receivedAt),
            "pipeline" => GitLabPipelineNormalizer.Pipeline(root, receivedAt),
            null => NormalizationResult.Invalid("the body has no object_kind and no X-Gitlab-Event was given"),
            // Job Hook (object_kind "build") is ignored: the pipeline's completion is the event the hub reports.
            string other => NormalizationResult.Ignore($"GitLab '{other}' events are not normalized"),
        });

    /// <summary>The project and user of a delivery, from wherever the hook's GitLab version put them: see <see cref="GitLabContext"/>.</summary>
    internal static EventContext Context(JsonElement root, DateTimeOffset occurredAt) => GitLabContext.Of(root, occurredAt);

    private static string? KindFromHeader(string? header) => header?.Trim() switch
    {
        "Push Hook" => "push",
        "Tag Push Hook" => "tag_push",
        "Merge Request Hook" => "merge_request",
        "Note Hook" or "Confidential Note Hook" => "note",
        "Issue Hook" or "Confidential Issue Hook" => "issue",
        "Pipeline Hook" => "pipeline",
        null or "" => null,
        string other => other,
    };
}
