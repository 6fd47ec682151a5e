using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Http;
using IntegrationHub.ProviderSim.World;
using static IntegrationHub.ProviderSim.Http.Json;

namespace IntegrationHub.ProviderSim.AzureDevOps;

/// <summary>Who am I (connectionData, profile), projects and repositories.</summary>
internal static class AzureDevOpsCoreApi
{
    public static void Map(RouteGroupBuilder api)
    {
        // https://learn.microsoft.com/rest/api/azure/devops/core/?view=azure-devops-rest-7.1 (connectionData is undocumented but universal)
        api.MapGet("/_apis/connectionData", (HttpContext c, string org) =>
        {
            var user = Caller.Of(c).User;
            var identity = new JsonObject
            {
                ["id"] = user.Uuid.ToString(), ["descriptor"] = "Microsoft.IdentityModel.Claims.ClaimsIdentity;" + user.Email,
                ["subjectDescriptor"] = "aad." + user.Uuid.ToString("N"), ["providerDisplayName"] = user.Name, ["isActive"] = true,
                ["properties"] = new JsonObject { ["Account"] = new JsonObject { ["$type"] = "System.String", ["$value"] = user.Email } },
            };
            return AzureDevOpsResponses.Json(new JsonObject
            {
                ["authenticatedUser"] = identity, ["authorizedUser"] = identity.DeepClone(),
                ["instanceId"] = AzureDevOpsJson.ProjectId(org, "").ToString(), ["deploymentType"] = "hosted",
            });
        });

        api.MapGet("/_apis/profile/profiles/me", (HttpContext c) =>
        {
            var user = Caller.Of(c).User;
            return AzureDevOpsResponses.Json(new JsonObject
            {
                ["displayName"] = user.Name, ["publicAlias"] = user.Uuid.ToString(), ["emailAddress"] = user.Email,
                ["coreRevision"] = 1, ["timeStamp"] = IsoMs(user.CreatedAt), ["id"] = user.Uuid.ToString(), ["revision"] = 1,
            });
        });

        api.MapGet("/_apis/projects", (HttpContext c, string org, SimStore store) =>
        {
            var u = AzureDevOpsRoutes.Urls(c, org);
            var projects = Visible(c, org, store).GroupBy(r => r.Project!, StringComparer.OrdinalIgnoreCase).Select(g => g.First()).ToArray();
            return AzureDevOpsResponses.List(c, projects, r => AzureDevOpsJson.Project(u, r));
        });

        api.MapGet("/_apis/git/repositories", (HttpContext c, string org, SimStore store) =>
            AzureDevOpsResponses.List(c, Visible(c, org, store), r => AzureDevOpsJson.Repo(AzureDevOpsRoutes.Urls(c, org), r)));

        api.MapGet("/{project}/_apis/git/repositories", (HttpContext c, string org, string project, SimStore store) =>
            AzureDevOpsResponses.List(c, Visible(c, org, store).Where(r => string.Equals(r.Project, project, StringComparison.OrdinalIgnoreCase)).ToArray(),
                r => AzureDevOpsJson.Repo(AzureDevOpsRoutes.Urls(c, org), r)));

        api.MapGet("/{project}/_apis/git/repositories/{repo}", (HttpContext c, string org, string project, string repo) =>
            AzureDevOpsRoutes.Repo(c, org, project, repo) is { } r
                ? AzureDevOpsResponses.Json(AzureDevOpsJson.Repo(AzureDevOpsRoutes.Urls(c, org), r))
                : AzureDevOpsResponses.NotFound("Git repository with name or identifier " + repo));
    }

    private static SimRepo[] Visible(HttpContext c, string org, SimStore store) =>
        store.VisibleTo(Caller.Of(c).User).Where(r => r.Provider == AzureDevOpsProvider.Id && string.Equals(r.Owner, org, StringComparison.OrdinalIgnoreCase)).ToArray();
}
