using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.GitLab;

/// <summary>
/// GitLab Issue Hook (and Confidential Issue Hook, same body): open/reopen and close; updates are not normalized.
/// https://docs.gitlab.com/user/project/integrations/webhook_events/#issue-events
/// </summary>
internal static class GitLabIssueNormalizer
{
    public static NormalizationResult Issue(JsonElement root, DateTimeOffset receivedAt)
    {
        JsonElement issue = root.Get("object_attributes") ?? throw new PayloadException("missing required field 'object_attributes'");
        string? action = issue.Text("action");
        if (action is not ("open" or "reopen" or "close"))
        {
            return NormalizationResult.Ignore($"GitLab issue action '{action ?? "(none)"}' is not normalized");
        }

        long number = issue.RequireLong("iid");
        DateTimeOffset occurredAt = GitLabTimes.Transition(root, issue, action) ?? receivedAt;
        EventContext context = GitLabEventNormalizer.Context(root, occurredAt);
        return NormalizationResult.Of([GitLabIssueEvents.Create(context, action, number, issue.Text("title"), issue.Str("description"), issue.Text("url"))]);
    }
}
