using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using IntegrationHub.Providers.Abstractions;
using IntegrationHub.Providers.AzureDevOps;
using IntegrationHub.Providers.BitbucketCloud;
using IntegrationHub.Providers.BitbucketDataCenter;
using IntegrationHub.Providers.GitHub;
using IntegrationHub.Providers.GitLab;

namespace IntegrationHub.Providers;

/// <summary>
/// The one registry of providers, and the only file that names them all: adding a provider is its folder, a member of
/// <see cref="ProviderKind"/>, a slug in <see cref="ProviderSlugs"/> and one line here. Nothing in the library's folders
/// uses it; the hub, the CLI and the tests look providers up here.
/// </summary>
public static class ProviderCatalog
{
    public static IReadOnlyList<ProviderModule> All { get; } =
    [
        new GitHubProvider(),
        new GitLabProvider(),
        new BitbucketCloudProvider(),
        new BitbucketDataCenterProvider(),
        new AzureDevOpsProvider(),
    ];

    private static readonly FrozenDictionary<ProviderKind, ProviderModule> ByKind = All.ToFrozenDictionary(p => p.Kind);
    private static readonly FrozenDictionary<string, ProviderModule> BySlug = All.ToFrozenDictionary(p => p.Slug, StringComparer.Ordinal);

    public static ProviderModule For(ProviderKind kind) =>
        ByKind.TryGetValue(kind, out ProviderModule? provider) ? provider : throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown provider");

    /// <summary>The provider a slug names (exactly, as stored and routed), or false.</summary>
    public static bool TryFind([NotNullWhen(true)] string? slug, [NotNullWhen(true)] out ProviderModule? provider)
    {
        provider = null;
        return slug is not null && BySlug.TryGetValue(slug, out provider);
    }
}
