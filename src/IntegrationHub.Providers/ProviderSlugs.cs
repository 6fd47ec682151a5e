namespace IntegrationHub.Providers;

public static class ProviderSlugs
{
    public const string GitHub = "github";
    public const string GitLab = "gitlab";
    public const string BitbucketCloud = "bitbucket-cloud";
    public const string BitbucketDataCenter = "bitbucket-dc";
    public const string AzureDevOps = "azure-devops";

    public static string ToSlug(this ProviderKind kind) => kind switch
    {
        ProviderKind.GitHub => GitHub,
        ProviderKind.GitLab => GitLab,
        ProviderKind.BitbucketCloud => BitbucketCloud,
        ProviderKind.BitbucketDataCenter => BitbucketDataCenter,
        ProviderKind.AzureDevOps => AzureDevOps,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParse(string? slug, out ProviderKind kind)
    {
        (bool ok, kind) = slug switch
        {
            GitHub => (true, ProviderKind.GitHub),
            GitLab => (true, ProviderKind.GitLab),
            BitbucketCloud => (true, ProviderKind.BitbucketCloud),
            BitbucketDataCenter => (true, ProviderKind.BitbucketDataCenter),
            AzureDevOps => (true, ProviderKind.AzureDevOps),
            _ => (false, default),
        };
        return ok;
    }
}
