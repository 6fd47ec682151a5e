using IntegrationHub.Data;
using IntegrationHub.Providers;
using IntegrationHub.Providers.Api;
using IntegrationHub.Secrets;
using IntegrationHub.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.ProviderAccess;

/// <summary>
/// Refreshes a connection's access token, one node at a time: a transaction-scoped advisory lock keyed by the
/// connection is held for the whole refresh and the row is re-read after it is taken, so a node that waited finds the
/// token another node just got instead of spending the refresh token again (GitLab's are single use: a second use
/// fails and breaks the connection). <c>invalid_grant</c> marks the connection needs_reauthorization and is audited.
/// </summary>
/// <remarks>
/// Not <c>SELECT … FOR UPDATE</c>: a row lock gives the transaction an id, and a transaction with an id that stays
/// open across the provider call (up to the call timeout) holds back the event feed's horizon for every tenant (see
/// <c>EventFeed</c>). An advisory lock takes no transaction id; the id is assigned by the UPDATE after the call.
/// </remarks>
public sealed partial class TokenRefresher(
    NpgsqlDataSource db, ISecretProtector secrets, ProviderHttp http, IOptions<PlatformAppsOptions> platform, TimeProvider clock,
    ILogger<TokenRefresher> log)
{
    /// <summary>Refresh this long before expiry, so a token never expires mid-call.</summary>
    public static readonly TimeSpan Ahead = TimeSpan.FromMinutes(5);

    public bool IsDue(string? refreshTokenProtected, DateTimeOffset? expiresAt) =>
        refreshTokenProtected is not null && expiresAt is { } e && e - Ahead <= clock.GetUtcNow();

    /// <summary>
    /// Returns the access token ciphertext to use. <paramref name="staleAccessToken"/> is the ciphertext the caller had:
    /// if the row holds another one, someone refreshed meanwhile and that one is returned. Without
    /// <paramref name="force"/> a token that is not due is returned as is; with it (after a 401) it is refreshed.
    /// </summary>
    public async Task<string?> RefreshAsync(Guid connectionId, string? staleAccessToken, bool force, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await ExecAsync(conn, tx, "SELECT pg_advisory_xact_lock(hashtextextended('connection-refresh:' || $1::text, 0))", ct, connectionId);
        Row row;
        await using (var select = new NpgsqlCommand("""
            SELECT tenant_id, provider, base_url, auth_kind, client_id, client_secret_protected, access_token_protected,
                   refresh_token_protected, access_token_expires_at, ca_bundle_pem, status
            FROM connections WHERE id = $1
            """, conn, tx) { Parameters = { new() { Value = connectionId } } })
        await using (var r = await select.ExecuteReaderAsync(ct))
        {
            if (!await r.ReadAsync(ct))
            {
                throw new InvalidOperationException($"Connection {connectionId} does not exist.");
            }

            string? T(int i) => r.IsDBNull(i) ? null : r.GetString(i);
            row = new Row(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), T(4), T(5), T(6), T(7),
                r.IsDBNull(8) ? null : r.GetFieldValue<DateTimeOffset>(8), T(9), r.GetString(10));
        }

        bool refreshedMeanwhile = row.Access != staleAccessToken;
        if (row.Refresh is null || row.Status == ConnectionStatus.NeedsReauthorization || refreshedMeanwhile || (!force && !IsDue(row.Refresh, row.ExpiresAt)))
        {
            await tx.CommitAsync(ct);
            return row.Access;
        }

        ProviderSlugs.TryParse(row.Provider, out var kind);
        string? secret = row.ClientSecret is { } s ? secrets.Unprotect(s) : platform.Value.For(kind)?.ClientSecret;
        string? clientId = row.ClientId ?? platform.Value.For(kind)?.ClientId;
        if (clientId is null || secret is null)
        {
            throw new InvalidOperationException($"No OAuth application is configured to refresh {row.Provider} connection {connectionId}.");
        }

        using var calls = ProviderCallScope.Begin(kind, ProviderOperations.Token);
        var client = new OAuthTokenClient(http.For(row.CaBundle), ProviderCatalog.For(kind).Descriptor, new Uri(row.BaseUrl), new OAuthClientCredentials(clientId, secret), clock);
        OAuthTokens tokens;
        try
        {
            tokens = await client.RefreshAsync(secrets.Unprotect(row.Refresh), ct);
        }
        catch (Exception ex) when (CountFailure(row.Provider, ex, ct))
        {
            throw; // never reached: the filter only counts
        }
        catch (OAuthException ex) when (ex.NeedsReauthorization)
        {
            await ExecAsync(conn, tx, """
                UPDATE connections SET status = 'needs_reauthorization', status_reason = $2, updated_at = $3 WHERE id = $1
                """, ct, connectionId, "The provider no longer accepts the refresh token. Reconnect to grant access again.", clock.GetUtcNow());
            await ExecAsync(conn, tx, """
                INSERT INTO audit_log (tenant_id, actor, action, target, detail, occurred_at)
                VALUES ($1, 'system', 'connection.needs_reauthorization', $2, 'invalid_grant on refresh', $3)
                """, ct, row.TenantId, $"connection:{connectionId}", clock.GetUtcNow());
            await tx.CommitAsync(ct);
            NeedsReauthorization(log, connectionId);
            throw;
        }

        string access = secrets.Protect(tokens.AccessToken);
        string? refresh = tokens.RefreshToken is { } rt ? secrets.Protect(rt) : null;
        await ExecAsync(conn, tx, """
            UPDATE connections SET access_token_protected = $2, refresh_token_protected = $3, access_token_expires_at = $4,
                token_refreshed_at = $5, updated_at = $5 WHERE id = $1
            """, ct, connectionId, access, (object?)refresh ?? DBNull.Value, (object?)tokens.ExpiresAt ?? DBNull.Value, clock.GetUtcNow());
        await tx.CommitAsync(ct);
        Refreshed(log, connectionId);
        return access;
    }

    private static async Task ExecAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct, params object[] args)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        foreach (object a in args)
        {
            cmd.Parameters.Add(a == DBNull.Value ? new NpgsqlParameter { Value = DBNull.Value } : new NpgsqlParameter { Value = a });
        }

        await cmd.ExecuteNonQueryAsync(ct);
    }

    private sealed record Row(Guid TenantId, string Provider, string BaseUrl, string AuthKind, string? ClientId, string? ClientSecret,
        string? Access, string? Refresh, DateTimeOffset? ExpiresAt, string? CaBundle, string Status);

    /// <summary>Counts a failed refresh (not a cancelled one) for the metrics; catches nothing.</summary>
    private static bool CountFailure(string provider, Exception ex, CancellationToken ct)
    {
        if (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            string outcome = ex is OAuthException { NeedsReauthorization: true } ? "needs_reauthorization" : "error";
            string slug = ProviderSlugs.TryParse(provider, out var kind) ? kind.ToSlug() : "unknown";
            HubMetrics.TokenRefreshFailures.Add(1, new KeyValuePair<string, object?>(HubMetrics.ProviderTag, slug),
                new KeyValuePair<string, object?>(HubMetrics.OutcomeTag, outcome));
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refreshed the access token of connection {ConnectionId}")]
    private static partial void Refreshed(ILogger logger, Guid connectionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {ConnectionId} needs reauthorization: the refresh token was refused")]
    private static partial void NeedsReauthorization(ILogger logger, Guid connectionId);
}
