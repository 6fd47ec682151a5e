namespace IntegrationHub.ProviderAccess;

/// <summary>
/// The operator's own OAuth application at one provider (Hub:Providers:GitLab, :GitHub, :BitbucketCloud). Tenants
/// connect the public instance with it in one click. Without a client id the one-click card is hidden.
/// </summary>
public sealed class PlatformAppOptions
{
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    /// <summary>The instance; empty means the provider's public one (gitlab.com, github.com, bitbucket.org).</summary>
    public string? BaseUrl { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);
}
