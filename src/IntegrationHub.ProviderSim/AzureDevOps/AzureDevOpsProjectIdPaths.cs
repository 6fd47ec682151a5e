using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.AzureDevOps;

/// <summary>
/// Azure DevOps takes a project by name or by id anywhere a URL names one (`{org}/{project}/_apis/...`). The routes
/// here match names, so an id is rewritten to its project's name before routing.
/// https://learn.microsoft.com/rest/api/azure/devops/git/repositories/list (project: "Project ID or project name")
/// </summary>
internal sealed class AzureDevOpsProjectIdPaths(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext http, SimStore store)
    {
        string[] parts = (http.Request.Path.Value ?? "").Split('/');
        // ["", "azure-devops", org, project-or-_apis, ...]
        if (parts.Length > 4 && parts[1] == "azure-devops" && Guid.TryParse(parts[3], out var projectId))
        {
            string org = parts[2];
            // Owner keys are "org/project" (lower case); the first repository of a project carries its real name.
            string? name = store.Owners(AzureDevOpsProvider.Id)
                .Where(k => k.StartsWith(org.ToLowerInvariant() + "/", StringComparison.Ordinal))
                .Select(k => store.ByOwner(AzureDevOpsProvider.Id, org, k[(org.Length + 1)..]).FirstOrDefault()?.Project)
                .FirstOrDefault(p => p is not null && AzureDevOpsJson.ProjectId(org, p) == projectId);
            if (name is not null)
            {
                parts[3] = Uri.EscapeDataString(name);
                http.Request.Path = string.Join('/', parts);
            }
        }

        return next(http);
    }
}
