using IntegrationHub.Providers;
using Microsoft.Extensions.Configuration;

namespace IntegrationHub.ProviderAccess;

/// <summary>
/// Settings under Hub:Providers:{Kind} (Hub:Providers:GitLab, :GitHub, :BitbucketCloud): the platform OAuth application
/// of every provider in the catalog that connects by OAuth. Keyed by kind, so a new OAuth provider needs no new property.
/// </summary>
public sealed class PlatformAppsOptions
{
    public const string Section = "Hub:Providers";

    public Dictionary<ProviderKind, PlatformAppOptions> Apps { get; } = [];

    public PlatformAppOptions? For(ProviderKind kind) => Apps.GetValueOrDefault(kind);

    /// <summary>Reads each OAuth provider's section; the section's other keys (timeouts, sizes) are not apps.</summary>
    public void Bind(IConfiguration configuration)
    {
        foreach (var provider in ProviderCatalog.All.Where(p => p.Descriptor.SupportsOAuth))
        {
            var app = new PlatformAppOptions();
            configuration.GetSection($"{Section}:{provider.Kind}").Bind(app);
            Apps[provider.Kind] = app;
        }
    }
}
