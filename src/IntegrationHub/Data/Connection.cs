namespace IntegrationHub.Data;

/// <summary>A tenant's link to one account on one provider instance. Properties ending in Protected hold ciphertext only.</summary>
public sealed class Connection : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public required string Provider { get; set; }
    public required string BaseUrl { get; set; }
    public required string DisplayName { get; set; }
    public required string AccountId { get; set; }
    public required string AccountLogin { get; set; }
    public List<string> Scopes { get; set; } = [];
    public string Status { get; set; } = ConnectionStatus.Active;
    public string? StatusReason { get; set; }
    public required string AuthKind { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecretProtected { get; set; }
    public string? AccessTokenProtected { get; set; }
    public string? RefreshTokenProtected { get; set; }
    public DateTimeOffset? AccessTokenExpiresAt { get; set; }
    public DateTimeOffset? TokenRefreshedAt { get; set; }
    public string? CaBundlePem { get; set; }

    /// <summary>An app connection (<see cref="AuthKinds.GitHubApp"/>): the tenant's own app, or null for the platform app.</summary>
    public Guid? GitHubAppId { get; set; }

    /// <summary>An app connection: the installation its tokens are minted for.</summary>
    public long? GitHubInstallationId { get; set; }

    /// <summary>An app connection whose installation is suspended at GitHub (installation.suspend): no poll, no actions until unsuspended.</summary>
    public DateTimeOffset? GitHubSuspendedAt { get; set; }

    /// <summary>
    /// Whether the hub can call the provider for this connection (discovery, the poll, actions): it holds a token, or it
    /// is a GitHub App installation, whose tokens are minted when needed. Not a column; queries spell the same test out.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Schema.NotMapped]
    public bool CallsProvider => AccessTokenProtected != null || AuthKind == AuthKinds.GitHubApp;
    public string? ProjectKey { get; set; }
    public string? RepositorySlug { get; set; }
    public string WatchMode { get; set; } = WatchModes.All;
    public string SyncMode { get; set; } = SyncModes.Hybrid;
    public string DiscoveryStatus { get; set; } = "pending";
    public DateTimeOffset? DiscoveryStartedAt { get; set; }
    public DateTimeOffset? DiscoveryFinishedAt { get; set; }
    public int DiscoveredCount { get; set; }
    public string? DiscoveryError { get; set; }
    public int? RateLimitRemaining { get; set; }
    public DateTimeOffset? RateLimitResetAt { get; set; }

    /// <summary>The provider refused the token (429, a secondary 403) until then: no work of the connection is claimed before.</summary>
    public DateTimeOffset? RateLimitedUntil { get; set; }
    public string? CleanupStatus { get; set; }
    public string? CleanupError { get; set; }

    /// <summary>What the person has to do themselves after the clean-up, one line each (written as it finishes).</summary>
    public string? CleanupNotes { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid? RevokedBy { get; set; }
    public string? RevokedReason { get; set; }
}
