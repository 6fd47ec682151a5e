namespace IntegrationHub.ProviderSim.AzureDevOps;

/// <summary>An Azure DevOps organization under <c>/azure-devops/{org}</c>; projects and repositories below it.</summary>
internal sealed record AzureDevOpsUrls(string Origin, string Org)
{
    public string Root => $"{Origin}/azure-devops/{Org}";
    public string Repo(World.SimRepo r) => $"{Root}/{r.Project}/_apis/git/repositories/{r.Uuid}";
    public string RepoWeb(World.SimRepo r) => $"{Root}/{r.Project}/_git/{r.Name}";
}
