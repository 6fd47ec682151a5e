using IntegrationHub.Data;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.ProviderAccess.GitHubApps;

/// <summary>
/// "Which GitHub App" for work that runs outside a person's request (jobs, the app webhook, the poll): the platform app,
/// a tenant's own app by id, or the app behind an app connection, whichever tenant owns it. A person's request goes
/// through <see cref="TenantGitHubApps"/> instead, which sees the current tenant's apps only.
/// </summary>
internal sealed class GitHubAppDirectory(PlatformGitHubApp platform, HubDb db, GitHubAppProtectors protectors)
{
    /// <summary>The operator's platform app, or null when none is configured.</summary>
    public GitHubAppCredentials? Platform => platform.Credentials;

    /// <summary>A tenant's own app by its row id, or with null the platform app; null when there is no such app.</summary>
    public Task<GitHubAppCredentials?> FindAsync(Guid? ownAppId, CancellationToken ct) =>
        ownAppId is { } id ? OwnAppAsync(id, tenantId: null, ct) : Task.FromResult(Platform);

    /// <summary>
    /// The app and installation of an app connection; null when the connection is not one (or its app is gone, or the
    /// platform app is no longer configured, or its own app is another tenant's: the database refuses that link since
    /// migration 0041, and this never hands out another tenant's key should one exist).
    /// </summary>
    public async Task<(GitHubAppCredentials App, long InstallationId)?> ForConnectionAsync(Guid connectionId, CancellationToken ct)
    {
        var link = await db.Connections.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.Id == connectionId && c.AuthKind == AuthKinds.GitHubApp && c.GitHubInstallationId != null)
            .Select(c => new { c.TenantId, c.GitHubAppId, c.GitHubInstallationId })
            .FirstOrDefaultAsync(ct);
        if (link is null)
        {
            return null;
        }

        var app = link.GitHubAppId is { } own ? await OwnAppAsync(own, link.TenantId, ct) : Platform;
        return app is null ? null : (app, link.GitHubInstallationId!.Value);
    }

    private async Task<GitHubAppCredentials?> OwnAppAsync(Guid id, Guid? tenantId, CancellationToken ct)
    {
        // Crosses tenants on purpose: the caller holds an id from a connection or a webhook URL, not a person's choice;
        // a connection's app must still be its own tenant's.
        var row = await db.GitHubApps.IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(a => a.Id == id && (tenantId == null || a.TenantId == tenantId), ct);
        return row is null ? null : TenantGitHubApps.Decrypt(row, protectors);
    }
}
