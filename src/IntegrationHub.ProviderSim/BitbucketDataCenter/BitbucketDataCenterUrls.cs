namespace IntegrationHub.ProviderSim.BitbucketDataCenter;

/// <summary>Bitbucket Data Center under <c>/bitbucket-dc</c>: web at the root, REST under <c>/rest/api/1.0</c>.</summary>
internal sealed record BitbucketDataCenterUrls(string Origin)
{
    public string Web => Origin + "/bitbucket-dc";
    public string Api => Origin + "/bitbucket-dc/rest/api/1.0";
    public string RepoHtml(World.SimRepo r) => $"{Web}/projects/{r.Owner}/repos/{r.Slug}";
}
