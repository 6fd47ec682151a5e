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
    public async Task<GitHubAppCredentials?> FindAsync(Guid? ownAppId, CancellationToken ct)
    {
        if (ownAppId is not { } id)
        {
            return Platform;
        }

        // Crosses tenants on purpose: the caller holds an id from a connection or a webhook URL, not a person's choice.
        var row = await db.GitHubApps.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        return row is null ? null : TenantGitHubApps.Decrypt(row, protectors);
    }

    /// <summary>
    /// The app and installation of an app connection; null when the connection is not one (or its app is gone, or the
    /// platform app is no longer configured).
    /// </summary>
    public async Task<(GitHubAppCredentials App, long InstallationId)?> ForConnectionAsync(Guid connectionId, CancellationToken ct)
    {
        var link = await db.Connections.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.Id == connectionId && c.AuthKind == AuthKinds.GitHubApp && c.GitHubInstallationId != null)
            .Select(c => new { c.GitHubAppId, c.GitHubInstallationId })
            .FirstOrDefaultAsync(ct);
        if (link is null || await FindAsync(link.GitHubAppId, ct) is not { } app)
        {
            return null;
        }

        return (app, link.GitHubInstallationId!.Value);
    }
}
