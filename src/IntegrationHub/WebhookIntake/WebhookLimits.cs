using IntegrationHub.Providers;

namespace IntegrationHub.WebhookIntake;

/// <summary>
/// The largest body the ingress reads per provider, enforced while reading (a bigger body is answered 413 and dropped).
/// Each limit is at or just above what the provider itself sends (see PROVIDER-FACTS), so no real delivery is refused:
/// GitHub does not deliver payloads over 25 MB (https://docs.github.com/en/webhooks/webhook-events-and-payloads#payload-cap),
/// GitLab caps at 25 MB, Azure DevOps at 2 MB, Bitbucket Cloud drops payloads over 256 KB on its side (1 MB leaves room),
/// Bitbucket Data Center documents no cap (10 MB is far above its largest ref-change payloads).
/// </summary>
public static class WebhookLimits
{
    private const int MiB = 1024 * 1024;

    public static int MaxBodyBytes(ProviderKind provider) => provider switch
    {
        ProviderKind.GitHub => 25 * MiB,
        ProviderKind.GitLab => 25 * MiB,
        ProviderKind.BitbucketCloud => 1 * MiB,
        ProviderKind.BitbucketDataCenter => 10 * MiB,
        ProviderKind.AzureDevOps => 2 * MiB,
        _ => 1 * MiB,
    };

    /// <summary>
    /// Providers that punish failed answers: GitLab disables a hook from the 4th consecutive failure (4xx and 5xx alike),
    /// Azure DevOps puts a subscription on probation and then disables it for any non-transient failure, Bitbucket Data Center
    /// skips a failing hook with growing back-off. For these a verified delivery whose body we cannot read is still stored
    /// and acknowledged, and fails visibly in processing, so a healthy hook of ours is never pushed into being disabled.
    /// </summary>
    public static bool PunishesFailures(ProviderKind provider) =>
        provider is ProviderKind.GitLab or ProviderKind.AzureDevOps or ProviderKind.BitbucketDataCenter;
}
