using System.Security.Cryptography;
using System.Text;
using IntegrationHub.Data;
using Microsoft.AspNetCore.DataProtection;

namespace IntegrationHub.Connect;

/// <summary>
/// The <c>state</c> parameter: flow id, tenant, user, a hash of the correlation cookie, the watch mode chosen at the
/// start and an expiry, protected (encrypted and authenticated) with Data Protection under its own purpose and
/// time-limited to 10 minutes. A forged, altered or expired state does not unprotect. The watch mode rides here, not in
/// a query parameter of its own, because the provider echoes the callback's query back unprotected: whoever holds the
/// link could otherwise turn "let me choose" into "hook everything".
/// </summary>
public sealed class OAuthStateProtector(IDataProtectionProvider provider, TimeProvider clock)
{
    private readonly ITimeLimitedDataProtector _protector =
        provider.CreateProtector("IntegrationHub.Connect.OAuthState.v1").ToTimeLimitedDataProtector();

    // Stands for "no choice made" (a Reconnect keeps the stored connection's watch mode).
    private const string KeepWatchMode = "-";

    public string Protect(Guid flowId, Guid tenantId, Guid userId, string correlation, string? watchMode)
    {
        if (watchMode is not null && !WatchModes.IsKnown(watchMode))
        {
            throw new ArgumentException("Not a watch mode.", nameof(watchMode));
        }

        var expires = clock.GetUtcNow() + OAuthStateStore.Lifetime;
        string payload = string.Join('|', flowId.ToString("N"), tenantId.ToString("N"), userId.ToString("N"), Hash(correlation), expires.ToUnixTimeSeconds(),
            watchMode ?? KeepWatchMode);
        return _protector.Protect(payload, OAuthStateStore.Lifetime);
    }

    public StatePayload? Unprotect(string? state)
    {
        if (string.IsNullOrEmpty(state))
        {
            return null;
        }

        string payload;
        try
        {
            payload = _protector.Unprotect(state);
        }
        catch (CryptographicException)
        {
            return null;
        }

        string[] parts = payload.Split('|');
        if (parts.Length != 6 || !Guid.TryParse(parts[0], out var flow) || !Guid.TryParse(parts[1], out var tenant)
            || !Guid.TryParse(parts[2], out var user) || !long.TryParse(parts[4], out long expires)
            || DateTimeOffset.FromUnixTimeSeconds(expires) <= clock.GetUtcNow()
            || !(parts[5] == KeepWatchMode || WatchModes.IsKnown(parts[5])))
        {
            return null;
        }

        return new StatePayload(flow, tenant, user, parts[3], parts[5] == KeepWatchMode ? null : parts[5]);
    }

    public static bool CorrelationMatches(StatePayload state, string? cookie) =>
        cookie is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(cookie)), Encoding.ASCII.GetBytes(state.CorrelationHash));

    private static string Hash(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
