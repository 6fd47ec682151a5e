using IntegrationHub.Audit;
using IntegrationHub.Cleanup;
using IntegrationHub.Data;
using IntegrationHub.Jobs;
using IntegrationHub.Secrets;
using IntegrationHub.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Connect;

/// <summary>
/// Stores a connection for the current tenant, encrypting every secret. Reconnecting the same account on the same
/// instance updates the existing row (the unique index says so too), then discovery is queued. A row an administrator
/// revoked is never reactivated: <see cref="ConnectionRevokedException"/>. The watch mode chosen at connect is set on a
/// new connection (or one coming back from a disconnect) before discovery is queued; a stored one keeps its own.
/// </summary>
public sealed class ConnectionWriter(HubDb db, TenantScope scope, ISecretProtector secrets, AuditLog audit, JobStarter jobs, TimeProvider clock)
{
    public async Task<(Connection Connection, bool Created)> UpsertAsync(ConnectionDraft d, CancellationToken ct)
    {
        OwnerOnly.Require(scope); // every connect path ends here (OAuth callback, access tokens, webhook only)
        Guid tenantId = scope.RequireTenant();
        var now = clock.GetUtcNow();
        var c = await db.Connections.FirstOrDefaultAsync(x => x.TenantId == tenantId && x.Provider == d.Provider
            && x.BaseUrl == d.BaseUrl && x.AccountId == d.AccountId, ct);
        if (c?.Status == ConnectionStatus.Revoked)
        {
            // An administrator's revocation stands: reconnecting must not quietly reactivate the row and erase the reason.
            audit.Record("connection.connect_refused", tenantId, target: $"connection:{c.Id}", detail: $"revoked by an administrator: {c.RevokedReason}");
            await db.SaveChangesAsync(ct);
            throw new ConnectionRevokedException(c.Id, c.RevokedReason);
        }

        bool created = c is null;
        // A connection coming back from a disconnect is connected afresh: the choice made now applies to it as to a new one.
        bool returning = c?.Status == ConnectionStatus.Disconnected;
        c ??= db.Connections.Add(new Connection
        {
            Id = Guid.NewGuid(), TenantId = tenantId, Provider = d.Provider, BaseUrl = d.BaseUrl, AccountId = d.AccountId,
            AccountLogin = d.AccountLogin, DisplayName = d.DisplayName, AuthKind = d.AuthKind, CreatedBy = scope.UserId, CreatedAt = now,
        }).Entity;

        c.AccountLogin = d.AccountLogin;
        c.DisplayName = d.DisplayName;
        c.AuthKind = d.AuthKind;
        c.Scopes = d.Scopes.ToList();
        c.Status = ConnectionStatus.Active;
        c.StatusReason = null;
        c.CleanupStatus = null;
        c.CleanupError = null;
        c.ClientId = d.ClientId;
        c.ClientSecretProtected = Protect(d.ClientSecret);
        c.AccessTokenProtected = Protect(d.AccessToken);
        c.RefreshTokenProtected = Protect(d.RefreshToken);
        c.AccessTokenExpiresAt = d.ExpiresAt;
        c.TokenRefreshedAt = null;
        c.CaBundlePem = string.IsNullOrWhiteSpace(d.CaBundlePem) ? null : d.CaBundlePem.Trim();
        c.ProjectKey = d.ProjectKey;
        c.RepositorySlug = d.RepositorySlug;
        c.GitHubAppId = d.GitHubAppId;
        c.GitHubInstallationId = d.GitHubInstallationId;
        c.UpdatedAt = now;
        if (d.WatchMode is { } watchMode && (created || returning))
        {
            await ApplyWatchModeAsync(c, watchMode, created, ct);
        }

        audit.Record(created ? "connection.connected" : "connection.reconnected", tenantId, target: $"connection:{c.Id}",
            detail: $"{d.Provider} {d.BaseUrl} as {d.AccountLogin} ({d.AuthKind})");
        await db.SaveChangesAsync(ct);
        if (d.AuthKind != AuthKinds.WebhookOnly)
        {
            await jobs.DiscoverAsync(c.Id, ct);
        }

        return (c, created);
    }

    /// <summary>
    /// Set before discovery is queued, so discovery stores new repositories unwatched under "selected" and no hook is
    /// planned for any of them. Repositories a returning connection still holds take the choice too.
    /// </summary>
    private async Task ApplyWatchModeAsync(Connection c, string watchMode, bool created, CancellationToken ct)
    {
        if (!WatchModes.IsKnown(watchMode))
        {
            throw new ArgumentException("Not a watch mode.", nameof(watchMode));
        }

        c.WatchMode = watchMode;
        if (!created)
        {
            bool watched = watchMode == WatchModes.All;
            await db.Repositories.Where(r => r.ConnectionId == c.Id && r.Watched != watched).ExecuteUpdateAsync(u => u.SetProperty(r => r.Watched, watched), ct);
        }
    }

    private string? Protect(string? secret) => string.IsNullOrEmpty(secret) ? null : secrets.Protect(secret);
}
