using IntegrationHub.Data;
using IntegrationHub.Providers.Api;

namespace IntegrationHub.ProviderAccess;

/// <summary>
/// The provider API client for a stored connection, with a token that is fresh (refreshed ahead of expiry and again on
/// a 401, one node at a time) and the connection's own trust settings (custom CA bundle). Discovery, hooks, the poll
/// and disconnect all reach providers through here, never by decrypting tokens themselves. A connection whose refresh
/// token was refused fails with <see cref="ProviderApiException"/> of kind Unauthorized and is marked needs_reauthorization.
/// </summary>
public interface IConnectionApis
{
    Task<IProviderApi> ForAsync(Connection connection, CancellationToken ct);

    /// <summary>
    /// For readers other than <see cref="IProviderApi"/> (the poll): an HttpClient trusting the connection's CA bundle
    /// and connection info with a fresh token. After a 401, call again with <paramref name="afterUnauthorized"/>.
    /// </summary>
    Task<ProviderCredentials> CredentialsAsync(Guid connectionId, bool afterUnauthorized, CancellationToken ct);

    /// <summary>
    /// An app connection (GitHub App): uninstalls the app from its account as the app (<c>DELETE /app/installations/{id}</c>);
    /// false when GitHub had no such installation any more. Throws <see cref="ProviderApiException"/> when GitHub refused or failed.
    /// </summary>
    Task<bool> UninstallAppAsync(Guid connectionId, CancellationToken ct);
}
