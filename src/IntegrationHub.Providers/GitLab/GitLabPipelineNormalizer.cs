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
        if (status is not ("success" or "failed" or "canceled") || EventNormalization.Outcome(status) is not { } outcome)
        {
            return NormalizationResult.Ignore($"GitLab pipeline status '{status ?? "(none)"}' is not final");
        }

        EventContext context = GitLabEventNormalizer.Context(root, pipeline.Date("finished_at") ?? receivedAt);
        string pipelineId = pipeline.RequireStr("id");
        bool tag = pipeline.Bool("tag") == true;
        string? name = pipeline.Text("ref");
        var details = new EventDetails
        {
            PipelineId = pipelineId,
            PipelineName = pipeline.Text("name"),
            Outcome = outcome,
            Ref = name is null ? null : (tag ? RefChangeEvents.TagsPrefix : RefChangeEvents.HeadsPrefix) + name,
            CommitSha = pipeline.Text("sha"),
        };
        string? url = pipeline.Text("url")
            ?? (context.Repository.HtmlUrl is { } web ? $"{web}/-/pipelines/{pipelineId}" : null);
        return NormalizationResult.Of([context.Create(EventKind.PipelineCompleted,
            NaturalKeys.PipelineCompleted(context.RepoId, pipelineId), details, url)]);
    }
}
