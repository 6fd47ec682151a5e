using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.GitLab;

/// <summary>
/// When an issue or merge request changed state, by the hook's own fields. GitLab prints them as ISO 8601 in current
/// hooks and as <c>2013-12-03 17:23:34 UTC</c> in older ones (both read by <see cref="ProviderDates"/>). A close is stamped
/// <c>closed_at</c> where the hook has it, else <c>updated_at</c>; hooks that lack <c>updated_at</c> in
/// <c>object_attributes</c> still carry it in <c>changes.updated_at.current</c>, which is the same instant.
/// https://docs.gitlab.com/user/project/integrations/webhook_events/#issue-events
/// </summary>
internal static class GitLabTimes
{
    public static DateTimeOffset? Transition(JsonElement root, JsonElement attributes, string? action) => action switch
    {
        "open" => attributes.FirstDate("created_at", "updated_at") ?? root.FirstDate("changes.created_at.current", "changes.updated_at.current"),
        "close" => attributes.FirstDate("closed_at", "updated_at") ?? root.FirstDate("changes.closed_at.current", "changes.updated_at.current"),
        _ => attributes.Date("updated_at") ?? root.Date("changes.updated_at.current"),
    };
}
