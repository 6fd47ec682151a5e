using IntegrationHub.ProviderSim.Http;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.AzureDevOps;

/// <summary>
/// Azure DevOps under <c>/azure-devops/{org}</c>. PATs go in Basic auth with an empty user name.
/// https://learn.microsoft.com/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate
/// </summary>
internal static class AzureDevOpsRoutes
{
    public static void MapAzureDevOps(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/azure-devops/{org}").AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var caller = ApiAuth.Resolve(http, AzureDevOpsProvider.Id, out _);
            if (caller is null)
            {
                return AzureDevOpsResponses.Error(401, "TF400813: The user is not authorized to access this resource.", "UnauthorizedRequestException");
            }

            caller.Attach(http);
            return await next(context);
        });
        AzureDevOpsCoreApi.Map(api);
        AzureDevOpsHooksApi.Map(api);
        AzureDevOpsPollApi.Map(api);
        AzureDevOpsWritesApi.Map(api);
        AzureDevOpsBuildsApi.Map(api);
    }

    /// <summary>A repository by name or id inside a project the caller can see.</summary>
    public static SimRepo? Repo(HttpContext http, string org, string project, string repo)
    {
        var store = http.RequestServices.GetRequiredService<SimStore>();
        var caller = Caller.Of(http).User;
        var found = Guid.TryParse(repo, out var id)
            ? store.ByOwner(AzureDevOpsProvider.Id, org, project).FirstOrDefault(r => r.Uuid == id)
            : store.FindRepo(AzureDevOpsProvider.Id, $"{org}/{project}/{repo}");
        return found is not null && store.CanSee(caller, found) ? found : null;
    }

    public static SimRepo? RepoById(HttpContext http, string org, Guid id)
    {
        var store = http.RequestServices.GetRequiredService<SimStore>();
        var caller = Caller.Of(http).User;
        return store.VisibleTo(caller).FirstOrDefault(r => r.Provider == AzureDevOpsProvider.Id && r.Uuid == id
            && string.Equals(r.Owner, org, StringComparison.OrdinalIgnoreCase));
    }

    public static AzureDevOpsUrls Urls(HttpContext http, string org) => new(RequestOrigin.Of(http), org);
}
