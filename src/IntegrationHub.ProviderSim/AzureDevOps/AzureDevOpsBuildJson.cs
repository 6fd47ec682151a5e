using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.World;
using static IntegrationHub.ProviderSim.Http.Json;

namespace IntegrationHub.ProviderSim.AzureDevOps;

/// <summary>
/// A YAML pipeline build of a TfsGit repository, as the Builds API returns it and as <c>build.complete</c> carries it
/// in <c>resource</c>: <c>status</c> completed, the outcome in <c>result</c>, the repository in <c>repository</c>.
/// (Microsoft's build.complete sample is an old XAML build without a repository.)
/// https://learn.microsoft.com/rest/api/azure/devops/build/builds/get
/// </summary>
internal static class AzureDevOpsBuildJson
{
    /// <summary>succeeded, failed or canceled for the simulator's success, failure and cancelled.</summary>
    public static string Result(SimRun run) => run.Conclusion switch { "success" => "succeeded", "failure" => "failed", _ => "canceled" };

    /// <summary>A pipeline definition id, stable for a repository and pipeline name.</summary>
    public static int DefinitionId(SimRepo r, string name) =>
        1 + (int)((uint)StringComparer.OrdinalIgnoreCase.GetHashCode(r.Uuid + "/" + name) % 10_000);

    public static JsonObject Build(AzureDevOpsUrls u, SimRepo r, SimRun run, SimStore store)
    {
        var project = AzureDevOpsJson.Project(u, r);
        var projectUrl = $"{u.Root}/{AzureDevOpsJson.ProjectId(r.Owner, r.Project!)}";
        var definition = DefinitionId(r, run.Name);
        var who = AzureDevOpsJson.Identity(u, store.User(run.ActorId));
        var web = $"{u.Root}/{r.Project}/_build/results?buildId={run.Id}";
        return new JsonObject
        {
            ["_links"] = new JsonObject
            {
                ["self"] = new JsonObject { ["href"] = $"{projectUrl}/_apis/build/Builds/{run.Id}" },
                ["web"] = new JsonObject { ["href"] = web },
                ["timeline"] = new JsonObject { ["href"] = $"{projectUrl}/_apis/build/builds/{run.Id}/Timeline" },
            },
            ["properties"] = new JsonObject(),
            ["tags"] = new JsonArray(),
            ["id"] = run.Id,
            ["buildNumber"] = $"{run.CreatedAt.UtcDateTime:yyyyMMdd}.{run.Number}",
            ["status"] = run.Status == "completed" ? "completed" : "inProgress",
            ["result"] = run.Status == "completed" ? Result(run) : null,
            ["queueTime"] = IsoMs(run.CreatedAt.AddSeconds(-2)),
            ["startTime"] = IsoMs(run.CreatedAt),
            ["finishTime"] = IsoMs(run.UpdatedAt),
            ["url"] = $"{projectUrl}/_apis/build/Builds/{run.Id}",
            ["definition"] = new JsonObject
            {
                ["id"] = definition, ["name"] = run.Name, ["url"] = $"{projectUrl}/_apis/build/Definitions/{definition}?revision=1",
                ["uri"] = $"vstfs:///Build/Definition/{definition}", ["path"] = "\\", ["type"] = "build", ["queueStatus"] = "enabled",
                ["revision"] = 1, ["project"] = project.DeepClone(),
            },
            ["buildNumberRevision"] = run.Number,
            ["project"] = project,
            ["uri"] = $"vstfs:///Build/Build/{run.Id}",
            ["sourceBranch"] = "refs/heads/" + run.Branch,
            ["sourceVersion"] = run.Sha,
            ["queue"] = new JsonObject { ["id"] = 9, ["name"] = "Azure Pipelines", ["pool"] = new JsonObject { ["id"] = 9, ["name"] = "Azure Pipelines", ["isHosted"] = true } },
            ["priority"] = "normal",
            ["reason"] = "individualCI",
            ["requestedFor"] = who,
            ["requestedBy"] = who.DeepClone(),
            ["lastChangedDate"] = IsoMs(run.UpdatedAt),
            ["lastChangedBy"] = who.DeepClone(),
            ["logs"] = new JsonObject { ["id"] = 0, ["type"] = "Container", ["url"] = $"{projectUrl}/_apis/build/builds/{run.Id}/logs" },
            ["repository"] = new JsonObject
            {
                ["id"] = r.Uuid.ToString(), ["type"] = "TfsGit", ["name"] = r.Name, ["url"] = u.RepoWeb(r), ["clean"] = null, ["checkoutSubmodules"] = false,
            },
            ["retainIndefinitely"] = false,
            ["hasDiagnostics"] = false,
            ["keepForever"] = false,
            ["retainedByRelease"] = false,
            ["triggeredByBuild"] = null,
        };
    }
}
