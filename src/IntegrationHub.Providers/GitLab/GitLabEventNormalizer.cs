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
        EventNormalization.Run(body, root => (root.Text("object_kind") ?? KindFromHeader(eventName)) switch
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

    /// <summary>The repository and user of a delivery. Push hooks carry the user flat (<c>user_username</c>), the others as <c>user</c>.</summary>
    internal static EventContext Context(JsonElement root, DateTimeOffset occurredAt)
    {
        string id = root.Text("project.id") ?? root.RequireStr("project_id");
        string path = root.RequireStr("project.path_with_namespace");
        string? login = root.Text("user.username") ?? root.Text("user_username");
        string? name = root.Text("user.name") ?? root.Text("user_name");
        return new(
            ProviderKind.GitLab,
            new EventRepository(id, path, root.Text("project.web_url")),
            login is null && name is null ? null : new EventActor(login, name),
            occurredAt);
    }

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
