using IntegrationHub.Providers.Api;

namespace IntegrationHub.Connect;

/// <summary>
/// The provider API client for a stored connection, with a token that is fresh (refreshed ahead of expiry, one node at
/// a time) and the connection's own trust settings (custom CA bundle). Discovery, hooks, the poll and disconnect all
/// reach providers through here, never by decrypting tokens themselves.
/// </summary>
public interface IConnectionApis
{
    Task<IProviderApi> ForAsync(Connection connection, CancellationToken ct);
}
