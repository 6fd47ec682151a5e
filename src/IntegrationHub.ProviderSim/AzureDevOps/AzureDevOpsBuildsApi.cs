using IntegrationHub.ProviderSim.Http;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.AzureDevOps;

/// <summary>
/// <c>GET {org}/{project}/_apis/build/builds</c>: builds of the project's repositories the caller can see, filtered by
/// <c>repositoryId</c> (with <c>repositoryType</c>), <c>branchName</c>, <c>minTime</c>/<c>maxTime</c> (against the time
/// <c>queryOrder</c> sorts by, queue time descending by default), paged by <c>$top</c> and continuation token.
/// https://learn.microsoft.com/rest/api/azure/devops/build/builds/list
/// </summary>
internal static class AzureDevOpsBuildsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/{project}/_apis/build/builds", (HttpContext c, string org, string project, SimStore store) =>
        {
            var repositoryId = QueryValues.Str(c.Request, "repositoryId");
            var repositoryType = QueryValues.Str(c.Request, "repositoryType");
            if (repositoryId is not null && repositoryType is null)
            {
                return AzureDevOpsResponses.Error(400, "A repository type must be specified when a repository id is specified (repositoryType).", "ArgumentException");
            }

            var repos = store.VisibleTo(Caller.Of(c).User).Where(r => r.Provider == AzureDevOpsProvider.Id
                && string.Equals(r.Owner, org, StringComparison.OrdinalIgnoreCase) && string.Equals(r.Project, project, StringComparison.OrdinalIgnoreCase)
                && (repositoryId is null || (string.Equals(repositoryType, "TfsGit", StringComparison.OrdinalIgnoreCase)
                    && (r.Uuid.ToString() == repositoryId.ToLowerInvariant() || string.Equals(r.Name, repositoryId, StringComparison.OrdinalIgnoreCase))))).ToArray();
            var order = QueryValues.Str(c.Request, "queryOrder") ?? "queueTimeDescending";
            Func<SimRun, DateTimeOffset> time = order.StartsWith("finishTime", StringComparison.OrdinalIgnoreCase) ? x => x.UpdatedAt
                : order.StartsWith("startTime", StringComparison.OrdinalIgnoreCase) ? x => x.CreatedAt
                : x => x.CreatedAt.AddSeconds(-2);
            var min = QueryValues.Time(c.Request, "minTime");
            var max = QueryValues.Time(c.Request, "maxTime");
            var branch = QueryValues.Str(c.Request, "branchName");
            lock (store.Gate)
            {
                var builds = repos.SelectMany(r => r.Runs.Select(run => (r, run)))
                    .Where(x => (min is null || time(x.run) >= min) && (max is null || time(x.run) <= max)
                        && (branch is null || "refs/heads/" + x.run.Branch == branch || x.run.Branch == branch));
                var ordered = order.EndsWith("Ascending", StringComparison.OrdinalIgnoreCase)
                    ? builds.OrderBy(x => time(x.run)).ThenBy(x => x.run.Id)
                    : builds.OrderByDescending(x => time(x.run)).ThenByDescending(x => x.run.Id);
                var u = AzureDevOpsRoutes.Urls(c, org);
                return AzureDevOpsResponses.List(c, ordered.ToArray(), x => AzureDevOpsBuildJson.Build(u, x.r, x.run, store));
            }
        });
    }
}
