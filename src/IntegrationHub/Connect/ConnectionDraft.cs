namespace IntegrationHub.Connect;

/// <summary>What a finished connect step hands to <see cref="ConnectionWriter"/>. Secrets are plaintext here, in memory only.</summary>
public sealed record ConnectionDraft(
    string Provider,
    string BaseUrl,
    string AuthKind,
    string AccountId,
    string AccountLogin,
    string DisplayName,
    IReadOnlyList<string> Scopes)
{
    public string? ClientId { get; init; }
    public string? ClientSecret { get; init; }
    public string? AccessToken { get; init; }
    public string? RefreshToken { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public string? CaBundlePem { get; init; }
    public string? ProjectKey { get; init; }
    public string? RepositorySlug { get; init; }

    /// <summary>An app connection: the tenant's own GitHub App (null: the platform app) and the installation.</summary>
    public Guid? GitHubAppId { get; init; }
    public long? GitHubInstallationId { get; init; }

    /// <summary>
    /// <see cref="Data.WatchModes"/> chosen at connect. Applies to a new connection (or one coming back from a disconnect);
    /// null keeps what a stored connection has (a Reconnect asks nothing).
    /// </summary>
    public string? WatchMode { get; init; }

    public override string ToString() => $"ConnectionDraft {{ Provider = {Provider}, BaseUrl = {BaseUrl}, Account = {AccountLogin} }}";
}
