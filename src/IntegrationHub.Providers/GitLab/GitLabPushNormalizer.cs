using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.GitLab;

/// <summary>
/// GitLab Push Hook and Tag Push Hook: one ref, <c>before</c>/<c>after</c> with forty zeros for a created or deleted ref.
/// The payload has no push time (commit timestamps are authoring times), so events take the receive time.
/// https://docs.gitlab.com/user/project/integrations/webhook_events/#push-events
/// </summary>
internal static class GitLabPushNormalizer
{
    public static NormalizationResult Push(JsonElement root, DateTimeOffset receivedAt)
    {
        EventContext context = GitLabEventNormalizer.Context(root, receivedAt);
        string fullRef = root.RequireStr("ref");
        return NormalizationResult.Of(GitLabPushEvents.From(context, fullRef, root.Text("before"), root.Text("after")).ToList());
    }
}
