using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.GitLab;

/// <summary>
/// The events of one pushed ref, from facts the Push Hook and the poll's events list (<c>push_data</c>) both give; the
/// page is the project's compare, commit or project page, when the context knows the project's page.
/// https://docs.gitlab.com/user/project/integrations/webhook_events/#push-events
/// </summary>
internal static class GitLabPushEvents
{
    public static IEnumerable<NormalizedEvent> From(EventContext c, string fullRef, string? before, string? after)
    {
        string? web = c.Repository.HtmlUrl;
        string? htmlUrl = web is null ? null
            : RefChangeEvents.IsZero(after) ? web
            : RefChangeEvents.IsZero(before) ? $"{web}/-/commit/{after}"
            : $"{web}/-/compare/{before}...{after}";
        return RefChangeEvents.From(c, fullRef, before, after, htmlUrl);
    }
}
