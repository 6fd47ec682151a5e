using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.GitHub;

/// <summary>
/// GitHub <c>workflow_run</c> (completed with a final conclusion) and <c>status</c> (final states only: success, failure,
/// error; <c>pending</c> is progress, not a result). Check runs and suites are not normalized: Actions reports through
/// workflow_run, and other apps' checks would duplicate their statuses. The events themselves: <see cref="GitHubCiEvents"/>.
/// https://docs.github.com/en/webhooks/webhook-events-and-payloads#workflow_run
/// </summary>
internal static class GitHubCiNormalizer
{
    public static NormalizationResult WorkflowRun(JsonElement root, Func<string[], EventContext> context)
    {
        string? action = root.Text("action");
        if (action != "completed")
        {
            return GitHubEventNormalizer.IgnoreAction("workflow_run", action);
        }

        JsonElement run = root.Get("workflow_run") ?? throw new PayloadException("missing required field 'workflow_run'");
        string? conclusion = run.Text("conclusion");
        if (EventNormalization.Outcome(conclusion) is not { } outcome)
        {
            return NormalizationResult.Ignore($"GitHub workflow_run conclusion '{conclusion ?? "(none)"}' is not a success, failure or cancellation");
        }

        EventContext c = context(["workflow_run.triggering_actor.login", "workflow_run.actor.login"]);
        string runId = run.RequireStr("id");
        return NormalizationResult.Of([GitHubCiEvents.RunCompleted(c, run, runId, outcome, root.Text("workflow.name"))]);
    }

    public static NormalizationResult Status(JsonElement root, Func<string[], EventContext> context)
    {
        string state = root.RequireStr("state");
        if (EventNormalization.Outcome(state) is not { } outcome)
        {
            return NormalizationResult.Ignore($"GitHub status state '{state}' is not final");
        }

        EventContext c = context([]);
        string sha = root.RequireStr("sha");
        string statusContext = root.RequireStr("context");
        return NormalizationResult.Of([GitHubCiEvents.StatusChanged(c, root, sha, statusContext, state, outcome)]);
    }
}
