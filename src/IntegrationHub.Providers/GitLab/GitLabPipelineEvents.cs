using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.GitLab;

/// <summary>
/// A finished GitLab pipeline, from facts the Pipeline Hook and the poll's pipelines list both give. Only success,
/// failed and canceled are final: the hook fires on every status change, the list shows running ones too.
/// https://docs.gitlab.com/user/project/integrations/webhook_events/#pipeline-events
/// </summary>
internal static class GitLabPipelineEvents
{
    /// <summary>The outcome of a final status; null while the pipeline is not done (or skipped).</summary>
    public static PipelineOutcome? Outcome(string? status) =>
        status is "success" or "failed" or "canceled" ? EventNormalization.Outcome(status) : null;

    public static NormalizedEvent Completed(EventContext c, string pipelineId, PipelineOutcome outcome, string? name, string? gitRef, bool tag,
        string? sha, string? url)
    {
        var details = new EventDetails
        {
            PipelineId = pipelineId,
            PipelineName = name,
            Outcome = outcome,
            Ref = gitRef is null ? null : (tag ? RefChangeEvents.TagsPrefix : RefChangeEvents.HeadsPrefix) + gitRef,
            CommitSha = sha,
        };
        string? htmlUrl = url ?? (c.Repository.HtmlUrl is { } web ? $"{web}/-/pipelines/{pipelineId}" : null);
        return c.Create(EventKind.PipelineCompleted, NaturalKeys.PipelineCompleted(c.RepoId, pipelineId), details, htmlUrl);
    }
}
