namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>GitHub Enterprise Server layout under <c>/github</c>: web at the root, REST under <c>/api/v3</c>.</summary>
internal sealed record GitHubUrls(string Origin)
{
    public string Web => Origin + "/github";
    public string Api => Origin + "/github/api/v3";
    public string Repo(World.SimRepo repo) => $"{Api}/repos/{repo.FullName}";
    public string RepoHtml(World.SimRepo repo) => $"{Web}/{repo.FullName}";
}
