namespace IntegrationHub.Providers;

/// <summary>
/// The slugs URLs, settings, stored rows and the CLI use. Constants so that stored-row queries and routes can name one
/// provider; the mapping both ways goes through <see cref="ProviderCatalog"/>, where each descriptor declares its slug.
/// </summary>
public static class ProviderSlugs
{
    public const string GitHub = "github";
    public const string GitLab = "gitlab";
    public const string BitbucketCloud = "bitbucket-cloud";
    public const string BitbucketDataCenter = "bitbucket-dc";
    public const string AzureDevOps = "azure-devops";

    public static string ToSlug(this ProviderKind kind) => ProviderCatalog.For(kind).Slug;

    public static bool TryParse(string? slug, out ProviderKind kind)
    {
        if (ProviderCatalog.TryFind(slug, out var provider))
        {
            kind = provider.Kind;
            return true;
        }

        kind = default;
        return false;
    }
}
