namespace IntegrationHub.ProviderSim.World;

/// <summary>The slugs used in the control API, the options and the base paths (<c>/github</c>, <c>/bitbucket-dc</c>, ...).</summary>
internal static class ProviderSlugs
{
    public const string GitHub = "github";
    public const string GitLab = "gitlab";
    public const string BitbucketCloud = "bitbucket";
    public const string BitbucketDataCenter = "bitbucket-dc";
    public const string AzureDevOps = "azure-devops";

    public static string Of(ProviderId id) => id switch
    {
        ProviderId.GitHub => GitHub,
        ProviderId.GitLab => GitLab,
        ProviderId.BitbucketCloud => BitbucketCloud,
        ProviderId.BitbucketDataCenter => BitbucketDataCenter,
        _ => AzureDevOps,
    };

    public static bool TryParse(string? slug, out ProviderId id)
    {
        switch (slug?.ToLowerInvariant())
        {
            case GitHub: id = ProviderId.GitHub; return true;
            case GitLab: id = ProviderId.GitLab; return true;
            case BitbucketCloud or "bitbucket-cloud": id = ProviderId.BitbucketCloud; return true;
            case BitbucketDataCenter or "bitbucket-server": id = ProviderId.BitbucketDataCenter; return true;
            case AzureDevOps or "azure": id = ProviderId.AzureDevOps; return true;
            default: id = default; return false;
        }
    }

    public static ProviderId Parse(string? slug) =>
        TryParse(slug, out var id) ? id : throw new ArgumentException($"Unknown provider '{slug}'.", nameof(slug));

    /// <summary>The provider whose base path starts <paramref name="path"/>, if any.</summary>
    public static ProviderId? FromPath(PathString path)
    {
        // Longest prefix first: "/bitbucket-dc" also starts with "/bitbucket".
        if (path.StartsWithSegments("/bitbucket-dc")) return ProviderId.BitbucketDataCenter;
        if (path.StartsWithSegments("/bitbucket")) return ProviderId.BitbucketCloud;
        if (path.StartsWithSegments("/github")) return ProviderId.GitHub;
        if (path.StartsWithSegments("/gitlab")) return ProviderId.GitLab;
        if (path.StartsWithSegments("/azure-devops")) return ProviderId.AzureDevOps;
        return null;
    }
}
