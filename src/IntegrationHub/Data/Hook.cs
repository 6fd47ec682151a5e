namespace IntegrationHub.Data;

/// <summary>
/// The webhook we keep on one repository, with a secret of its own. During rotation the previous secret is still
/// accepted until PreviousSecretExpiresAt, so no delivery in flight is rejected; while that is null the provider has not
/// confirmed the new secret yet and the previous one is accepted without limit (see <see cref="HookSecrets"/>).
/// </summary>
public sealed class Hook : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid ConnectionId { get; set; }
    public Guid? RepositoryId { get; set; }
    public required string Provider { get; set; }
    public string? ProviderHookId { get; set; }
    public required string Url { get; set; }
    public required string SecretProtected { get; set; }
    public string? PreviousSecretProtected { get; set; }
    public DateTimeOffset? PreviousSecretExpiresAt { get; set; }
    public string? BasicUsername { get; set; }
    public string Status { get; set; } = HookStatus.Pending;
    public string? LastError { get; set; }
    public DateTimeOffset? RegisteredAt { get; set; }
    public DateTimeOffset? LastReconciledAt { get; set; }
    public DateTimeOffset? LastDeliveryAt { get; set; }
    public DateTimeOffset? LastPingAt { get; set; }
    public long AcceptedCount { get; set; }
    public long DuplicateCount { get; set; }
    public long RejectedCount { get; set; }
    public long RecoveredByPollCount { get; set; }
    /// <summary>Registration attempts started; above zero, a hook of ours may already exist at the provider.</summary>
    public int RegisterAttempts { get; set; }

    /// <summary>An app connection's share of its GitHub App's webhook (migration 0040): no repository, no secret of its own.</summary>
    public bool AppWebhook { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
