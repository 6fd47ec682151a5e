using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.GitLab;

/// <summary>
/// GitLab Merge Request Hook. <c>object_attributes.action</c>: open/reopen, update (new commits only when <c>oldrev</c> is
/// present; otherwise a title, label or assignee edit, not normalized), merge, close. Approvals are not normalized.
/// A reopen and each close are keyed by their time, which GitLab's hook prints in whole seconds.
/// https://docs.gitlab.com/user/project/integrations/webhook_events/#merge-request-events
/// </summary>
internal static class GitLabMergeRequestNormalizer
{
    public static NormalizationResult MergeRequest(JsonElement root, DateTimeOffset receivedAt)
    {
        JsonElement mr = root.Get("object_attributes") ?? throw new PayloadException("missing required field 'object_attributes'");
        string? action = mr.Text("action");
        bool newCommits = action == "update" && mr.Text("oldrev") is not null;
        if (action is not ("open" or "reopen" or "merge" or "close") && !newCommits)
        {
            return NormalizationResult.Ignore(action == "update"
                ? "GitLab merge request update without oldrev changes no commits"
                : $"GitLab merge request action '{action ?? "(none)"}' is not normalized");
        }

        long number = mr.RequireLong("iid");
        // The hook stamps a close or reopen only with updated_at, in whole seconds; the poll keys it by the list's closed_at.
        DateTimeOffset occurredAt = GitLabTimes.Transition(root, mr, action) ?? receivedAt;
        EventContext context = GitLabEventNormalizer.Context(root, occurredAt);
        return NormalizationResult.Of([GitLabMergeRequestEvents.Create(context, action!, number, mr.Text("title"), mr.Str("description"),
            mr.Text("last_commit.id"), mr.Text("source_branch"), mr.Text("url"))]);
    }
}
