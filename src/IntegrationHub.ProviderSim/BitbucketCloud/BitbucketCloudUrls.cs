namespace IntegrationHub.ProviderSim.BitbucketCloud;

/// <summary>Bitbucket Cloud under <c>/bitbucket</c>: web at the root, REST under <c>/2.0</c>.</summary>
internal sealed record BitbucketCloudUrls(string Origin)
{
    public string Web => Origin + "/bitbucket";
    public string Api => Origin + "/bitbucket/2.0";
    public string Repo(World.SimRepo r) => $"{Api}/repositories/{r.FullName}";
    public string RepoHtml(World.SimRepo r) => $"{Web}/{r.FullName}";
}
