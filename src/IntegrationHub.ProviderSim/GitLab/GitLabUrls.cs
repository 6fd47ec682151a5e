namespace IntegrationHub.ProviderSim.GitLab;

/// <summary>A self-managed GitLab under <c>/gitlab</c>: web at the root, REST under <c>/api/v4</c>.</summary>
internal sealed record GitLabUrls(string Origin)
{
    public string Web => Origin + "/gitlab";
    public string Api => Origin + "/gitlab/api/v4";
    public string Project(World.SimRepo repo) => $"{Web}/{repo.FullName}";
}
