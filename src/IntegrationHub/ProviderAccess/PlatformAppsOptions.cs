using IntegrationHub.Providers;

namespace IntegrationHub.ProviderAccess;

/// <summary>Settings under Hub:Providers: the platform OAuth applications.</summary>
public sealed class PlatformAppsOptions
{
    public const string Section = "Hub:Providers";

    public PlatformAppOptions GitLab { get; set; } = new();
    public PlatformAppOptions GitHub { get; set; } = new();
    public PlatformAppOptions BitbucketCloud { get; set; } = new();

    public PlatformAppOptions? For(ProviderKind kind) => kind switch
    {
        ProviderKind.GitLab => GitLab,
        ProviderKind.GitHub => GitHub,
        ProviderKind.BitbucketCloud => BitbucketCloud,
        _ => null,
    };
}
