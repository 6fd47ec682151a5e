using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.GitLab;

/// <summary>
/// GitLab Pipeline Hook fires on every status change; only the final success, failed and canceled become events.
/// https://docs.gitlab.com/user/project/integrations/webhook_events/#pipeline-events
/// </summary>
internal static class GitLabPipelineNormalizer
{
    public static NormalizationResult Pipeline(JsonElement root, DateTimeOffset receivedAt)
    {
        JsonElement pipeline = root.Get("object_attributes") ?? throw new PayloadException("missing required field 'object_attributes'");
        string? status = pipeline.Text("status");
        if (GitLabPipelineEvents.Outcome(status) is not { } outcome)
        {
            return NormalizationResult.Ignore($"GitLab pipeline status '{status ?? "(none)"}' is not final");
        }

        EventContext context = GitLabEventNormalizer.Context(root, pipeline.Date("finished_at") ?? receivedAt);
        return NormalizationResult.Of([GitLabPipelineEvents.Completed(context, pipeline.RequireStr("id"), outcome, pipeline.Text("name"),
            pipeline.Text("ref"), pipeline.Bool("tag") == true, pipeline.Text("sha"), pipeline.Text("url"))]);
    }
}
