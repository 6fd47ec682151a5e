using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.AzureDevOps;

/// <summary>
/// Azure DevOps <c>build.complete</c>. The outcome is <c>resource.result</c> (current payloads) or <c>resource.status</c>
/// (the older sample). A build is attributed to a repository only through <c>resource.repository.id</c>: legacy XAML and
/// TFVC builds (like Microsoft's sample) carry none and are ignored rather than filed under a wrong key.
/// https://learn.microsoft.com/azure/devops/service-hooks/events#build-completed
/// </summary>
internal static class AzureDevOpsBuildNormalizer
{
    public static NormalizationResult BuildComplete(JsonElement build, DateTimeOffset notifiedAt)
    {
        string? state = build.Text("result") ?? build.Text("status");
        if (EventNormalization.Outcome(state) is not { } outcome)
        {
            return NormalizationResult.Ignore($"Azure DevOps build result '{state ?? "(none)"}' is not final");
        }

        if (build.Text("repository.id") is null)
        {
            return NormalizationResult.Ignore("Azure DevOps build has no resource.repository (XAML or TFVC build): cannot attribute it to a Git repository");
        }

        EventContext context = AzureDevOpsContext.Of(build, "resource", build.FirstObject("requestedFor", "requestedBy", "lastChangedBy"),
            build.FirstDate("finishTime", "lastChangedDate") ?? notifiedAt);
        string buildId = build.RequireStr("id");
        var details = new EventDetails
        {
            PipelineId = buildId,
            PipelineName = build.Text("definition.name"),
            Outcome = outcome,
            Ref = build.Text("sourceBranch"),
            CommitSha = build.Text("sourceVersion"),
        };
        return NormalizationResult.Of([context.Create(EventKind.PipelineCompleted,
            NaturalKeys.PipelineCompleted(context.RepoId, buildId), details, build.Text("_links.web.href") ?? build.Text("url"))]);
    }
}
