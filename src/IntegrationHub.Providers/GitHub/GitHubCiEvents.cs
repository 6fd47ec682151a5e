using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.GitHub;

/// <summary>
/// A finished workflow run and a final commit status from their facts, shared by the webhook (<see cref="GitHubCiNormalizer"/>)
/// and the poll (the runs list, a head's statuses). The outcome comes folded from the conclusion or state; the context's
/// time is the fallback when the run or status carries none of the times below.
/// https://docs.github.com/en/webhooks/webhook-events-and-payloads#workflow_run
/// </summary>
internal static class GitHubCiEvents
{
    /// <param name="run">A workflow run as the hook's <c>workflow_run</c> and the runs list print it.</param>
    /// <param name="workflowName">The workflow's name when the run names none (the hook's <c>workflow.name</c>).</param>
    public static NormalizedEvent RunCompleted(EventContext c, JsonElement run, string runId, PipelineOutcome outcome, string? workflowName)
    {
        string? branch = run.Text("head_branch");
        var details = new EventDetails
        {
            PipelineId = runId,
            PipelineName = run.Text("name") ?? workflowName,
            Outcome = outcome,
            Ref = branch is null ? null : RefChangeEvents.HeadsPrefix + branch,
            CommitSha = run.Text("head_sha"),
        };
        return c.Create(EventKind.PipelineCompleted, NaturalKeys.PipelineCompleted(c.RepoId, runId), details, run.Text("html_url"),
            occurredAt: run.FirstDate("updated_at", "run_started_at", "created_at") ?? c.OccurredAt);
    }

    /// <param name="status">The hook's body, or one item of a commit's statuses list: state, context, times, target_url.</param>
    public static NormalizedEvent StatusChanged(EventContext c, JsonElement status, string sha, string statusContext, string state, PipelineOutcome outcome)
    {
        var details = new EventDetails
        {
            CommitSha = sha,
            StatusContext = statusContext,
            StatusState = state.ToLowerInvariant(),
            Outcome = outcome,
        };
        return c.Create(EventKind.CommitStatusChanged, NaturalKeys.CommitStatus(c.RepoId, sha, statusContext, state), details,
            status.Text("target_url") ?? status.Text("commit.html_url"),
            occurredAt: status.Date("updated_at") ?? status.Date("created_at") ?? c.OccurredAt);
    }
}
