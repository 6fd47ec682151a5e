using System.Collections.Concurrent;
using IntegrationHub.Providers;
using IntegrationHub.Providers.GitHub;
using IntegrationHub.Telemetry;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IntegrationHub.ProviderAccess.GitHubApps;

/// <summary>
/// Installation access tokens of GitHub Apps, shared by every node: each node keeps the tokens it used in memory; behind
/// that is one encrypted row per installation in PostgreSQL. A token with less than <see cref="Ahead"/> left is replaced.
/// Only one node mints at a time per installation: a transaction-scoped advisory lock keyed by the installation is held
/// across the call to GitHub, and the row is read again once it is taken, so a node that waited uses the token the
/// other just stored instead of minting one more. Within a node a semaphore per installation keeps callers to one
/// database round. A failure is logged (never the token) and counted in <c>ihub.tokens.refresh.failures</c>.
/// </summary>
/// <remarks>
/// An advisory lock rather than <c>SELECT … FOR UPDATE</c>, as <see cref="TokenRefresher"/> explains: no transaction id is
/// taken while GitHub is asked, so the event feed's horizon is not held back; the upsert after the call takes one.
/// </remarks>
internal sealed partial class InstallationTokens(
    NpgsqlDataSource db, GitHubAppProtectors protectors, GitHubAppClients clients, TimeProvider clock, ILogger<InstallationTokens> log)
{
    /// <summary>Refresh this long before expiry: a token handed out lasts at least this long (GitHub's last an hour).</summary>
    public static readonly TimeSpan Ahead = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<InstallationKey, GitHubInstallationToken> _memory = new();
    private readonly ConcurrentDictionary<InstallationKey, SemaphoreSlim> _gates = new();

    /// <summary>A token of <paramref name="app"/> for <paramref name="installationId"/> with at least <see cref="Ahead"/> left.</summary>
    /// <exception cref="Providers.Api.ProviderApiException">GitHub refused or failed (the installation is gone, the key was replaced, …).</exception>
    public async Task<GitHubInstallationToken> GetAsync(GitHubAppCredentials app, long installationId, CancellationToken ct)
    {
        var key = new InstallationKey(app.OwnAppId, app.AppId, installationId);
        if (_memory.TryGetValue(key, out var known) && Fresh(known))
        {
            return known;
        }

        var gate = _gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            if (_memory.TryGetValue(key, out known) && Fresh(known))
            {
                return known;
            }

            var token = await ReadOrMintAsync(app, key, ct);
            _memory[key] = token;
            return token;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Retires a token GitHub refused (revoked, the app's key replaced): from this node's memory and from the shared row,
    /// so the next <see cref="GetAsync"/> mints instead of handing the same token out again until its hour ends. The row
    /// is retired only while it still holds the refused token (matched by its expiry): another node may already have
    /// minted a new one.
    /// </summary>
    public async Task ForgetAsync(GitHubAppCredentials app, long installationId, GitHubInstallationToken refused, CancellationToken ct)
    {
        var key = new InstallationKey(app.OwnAppId, app.AppId, installationId);
        _memory.TryRemove(KeyValuePair.Create(key, refused));
        await using var retire = db.CreateCommand("""
            UPDATE github_installation_tokens SET expires_at = $5
            WHERE github_app_id IS NOT DISTINCT FROM $1 AND app_id = $2 AND installation_id = $3 AND expires_at = $4
            """);
        retire.Parameters.Add(new() { Value = (object?)key.OwnAppId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        retire.Parameters.Add(new() { Value = key.AppId });
        retire.Parameters.Add(new() { Value = key.InstallationId });
        retire.Parameters.Add(new() { Value = refused.ExpiresAt });
        retire.Parameters.Add(new() { Value = clock.GetUtcNow() });
        await retire.ExecuteNonQueryAsync(ct);
    }

    private bool Fresh(GitHubInstallationToken token) => token.ExpiresAt - Ahead > clock.GetUtcNow();

    private async Task<GitHubInstallationToken> ReadOrMintAsync(GitHubAppCredentials app, InstallationKey key, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        if (await ReadAsync(conn, null, key, ct) is { } stored && Fresh(stored))
        {
            return stored;
        }

        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var take = new NpgsqlCommand(
            "SELECT pg_advisory_xact_lock(hashtextextended('github-installation-token:' || $1 || ':' || $2::text || ':' || $3::text, 0))", conn, tx))
        {
            take.Parameters.Add(new() { Value = key.OwnAppId?.ToString() ?? "platform" });
            take.Parameters.Add(new() { Value = key.AppId });
            take.Parameters.Add(new() { Value = key.InstallationId });
            await take.ExecuteNonQueryAsync(ct);
        }

        // Another node may have minted while this one waited for the lock: use its token.
        if (await ReadAsync(conn, tx, key, ct) is { } minted && Fresh(minted))
        {
            await tx.CommitAsync(ct);
            return minted;
        }

        GitHubInstallationToken token;
        try
        {
            // Counted as token work, as an OAuth refresh is, whatever the caller was doing when it needed one.
            using var calls = ProviderCallScope.Begin(ProviderKind.GitHub, ProviderOperations.Token);
            using var api = clients.For(app);
            token = await api.CreateInstallationTokenAsync(key.InstallationId, ct);
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && ct.IsCancellationRequested))
        {
            HubMetrics.TokenRefreshFailures.Add(1, new KeyValuePair<string, object?>(HubMetrics.ProviderTag, "github"),
                new KeyValuePair<string, object?>(HubMetrics.OutcomeTag, "error"));
            MintFailed(log, key.InstallationId, app.AppId, app.BaseUrl, ex.GetType().Name, ex.Message);
            throw;
        }

        await using (var save = new NpgsqlCommand("""
            INSERT INTO github_installation_tokens (id, github_app_id, app_id, installation_id, token_protected, expires_at, refreshed_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (github_app_id, app_id, installation_id)
            DO UPDATE SET token_protected = excluded.token_protected, expires_at = excluded.expires_at, refreshed_at = excluded.refreshed_at
            """, conn, tx))
        {
            save.Parameters.Add(new() { Value = Guid.NewGuid() });
            save.Parameters.Add(new() { Value = (object?)key.OwnAppId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
            save.Parameters.Add(new() { Value = key.AppId });
            save.Parameters.Add(new() { Value = key.InstallationId });
            save.Parameters.Add(new() { Value = protectors.Tokens.Protect(token.Token) });
            save.Parameters.Add(new() { Value = token.ExpiresAt });
            save.Parameters.Add(new() { Value = clock.GetUtcNow() });
            await save.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        Minted(log, key.InstallationId, app.AppId, token.ExpiresAt);
        return token;
    }

    private async Task<GitHubInstallationToken?> ReadAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, InstallationKey key, CancellationToken ct)
    {
        await using var read = new NpgsqlCommand("""
            SELECT token_protected, expires_at FROM github_installation_tokens
            WHERE github_app_id IS NOT DISTINCT FROM $1 AND app_id = $2 AND installation_id = $3
            """, conn, tx);
        read.Parameters.Add(new() { Value = (object?)key.OwnAppId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        read.Parameters.Add(new() { Value = key.AppId });
        read.Parameters.Add(new() { Value = key.InstallationId });
        await using var row = await read.ExecuteReaderAsync(ct);
        if (!await row.ReadAsync(ct))
        {
            return null;
        }

        try
        {
            return new GitHubInstallationToken(protectors.Tokens.Unprotect(row.GetString(0)), row.GetFieldValue<DateTimeOffset>(1));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // A row sealed by a key ring that is gone (a restore, a lost ring) is only a cache: mint again and overwrite it.
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Minted an installation token for installation {InstallationId} of GitHub App {AppId}, valid until {ExpiresAt:u}")]
    private static partial void Minted(ILogger logger, long installationId, long appId, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not mint an installation token for installation {InstallationId} of GitHub App {AppId} at {BaseUrl}: {ErrorType}: {Error}")]
    private static partial void MintFailed(ILogger logger, long installationId, long appId, Uri baseUrl, string errorType, string error);
}
