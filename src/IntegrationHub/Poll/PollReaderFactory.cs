using IntegrationHub.ProviderAccess;
using IntegrationHub.Providers;
using IntegrationHub.Providers.Poll;

namespace IntegrationHub.Poll;

/// <summary>
/// The poll reader for a claimed repository's connection, with a fresh token and the connection's trust settings from
/// <see cref="IConnectionApis"/> (refreshed ahead of expiry, one node at a time); never decrypts tokens itself.
/// </summary>
internal sealed class PollReaderFactory(IConnectionApis connections, TimeProvider clock)
{
    /// <param name="afterUnauthorized">The last answer was 401: refresh the token even if it does not look due.</param>
    public async Task<IPollReader> ForAsync(PollTarget target, bool afterUnauthorized, CancellationToken ct)
    {
        if (!ProviderSlugs.TryParse(target.Provider, out ProviderKind kind))
        {
            throw new InvalidOperationException($"Unknown provider '{target.Provider}'.");
        }

        ProviderCredentials credentials = await connections.CredentialsAsync(target.ConnectionId, afterUnauthorized, ct);
        return ProviderCatalog.For(kind).CreatePollReader(credentials.Http, credentials.Info, clock);
    }

    /// <summary>Whether the target's provider has a change probe (decided before any token is read).</summary>
    public static bool HasProbe(PollTarget target) => ProviderCatalog.TryFind(target.Provider, out var provider) && provider.HasChangeProbe;

    /// <summary>The change probe for the target's connection; null when its provider has none.</summary>
    /// <param name="afterUnauthorized">The last probe was answered 401: retire that token and take a new one.</param>
    public async Task<IChangeProbe?> ProbeForAsync(PollTarget target, bool afterUnauthorized, CancellationToken ct)
    {
        if (!ProviderCatalog.TryFind(target.Provider, out var provider) || !provider.HasChangeProbe)
        {
            return null;
        }

        ProviderCredentials credentials = await connections.CredentialsAsync(target.ConnectionId, afterUnauthorized, ct);
        return provider.CreateChangeProbe(credentials.Http, credentials.Info, clock);
    }
}
