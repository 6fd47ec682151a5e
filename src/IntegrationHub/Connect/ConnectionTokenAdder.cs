using System.Globalization;
using IntegrationHub.Addresses;
using IntegrationHub.Audit;
using IntegrationHub.Data;
using IntegrationHub.Jobs;
using IntegrationHub.Providers;
using IntegrationHub.Providers.Api;
using IntegrationHub.Secrets;
using IntegrationHub.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Connect;

/// <summary>
/// A token added later to a webhook-only Bitbucket Data Center connection. It is checked as a token given at connect
/// time is (the stored base URL through the address guard again, then the provider: who it is, the repository, its
/// hooks, which need repository admin); a token that does not work changes nothing. One that works is stored encrypted,
/// the connection becomes a token connection, the repository row takes the provider's real id and the webhook the person
/// added is recognised by its URL; then discovery and a hook check are queued, and the poll picks the repository up.
/// </summary>
public sealed class ConnectionTokenAdder(HubDb db, BaseUrlGuard guard, PatConnector pats, ISecretProtector secrets, AuditLog audit,
    JobStarter jobs, TenantScope scope, TimeProvider clock)
{
    /// <summary>Null when the token was stored; otherwise what to tell the person.</summary>
    public async Task<string?> AddAsync(Guid connectionId, string? pat, CancellationToken ct)
    {
        OwnerOnly.Require(scope);
        // HubDb's tenant filter: another tenant's connection is simply not found.
        var c = await db.Connections.SingleOrDefaultAsync(x => x.Id == connectionId, ct);
        if (c is null || c.Status != ConnectionStatus.Active || c.Provider != ProviderSlugs.BitbucketDataCenter)
        {
            return "Only an active Bitbucket Data Center connection can take a token here.";
        }

        if (c.AccessTokenProtected is not null)
        {
            return "This connection has a token already.";
        }

        var (url, refused) = await guard.CheckAsync(c.BaseUrl, ct);
        if (url is null)
        {
            return refused;
        }

        var (check, error) = await pats.CheckAsync(ProviderKind.BitbucketDataCenter, url, pat, c.ProjectKey, c.RepositorySlug, c.CaBundlePem, ct);
        if (check?.Repository is not { } seen || pat is null)
        {
            return error ?? "The provider does not know this repository, or the token cannot see it.";
        }

        var now = clock.GetUtcNow();
        var row = await db.Repositories.FirstOrDefaultAsync(r => r.ConnectionId == c.Id, ct);
        if (row is not null)
        {
            // The stand-in id (PROJECT/slug) becomes the real one, so discovery updates this row instead of adding a second.
            row.ExternalId = seen.ExternalId;
            row.FullPath = seen.FullPath;
            row.DefaultBranch = seen.DefaultBranch;
            row.HtmlUrl = seen.HtmlUrl?.AbsoluteUri ?? row.HtmlUrl;
            row.LastSeenAt = now;
            var hook = await db.Hooks.FirstOrDefaultAsync(h => h.RepositoryId == row.Id && h.Status != HookStatus.Removed && h.ProviderHookId == null, ct);
            if (hook is not null && check.Hooks.FirstOrDefault(h => string.Equals(h.Url?.AbsoluteUri, hook.Url, StringComparison.OrdinalIgnoreCase)) is { } added)
            {
                hook.ProviderHookId = added.Id; // the one the person added: from now on checked and repaired like any other
                hook.UpdatedAt = now;
            }
        }

        var descriptor = ProviderCatalog.For(ProviderKind.BitbucketDataCenter).Descriptor;
        c.AccessTokenProtected = secrets.Protect(pat.Trim());
        c.AuthKind = AuthKinds.Pat;
        c.AccountLogin = check.User.Login;
        c.DisplayName = $"{descriptor.DisplayName} · {c.ProjectKey}/{c.RepositorySlug}";
        c.Scopes = [.. descriptor.Scopes];
        c.UpdatedAt = now;
        audit.Record("connection.token_added", c.TenantId, target: $"connection:{c.Id}", detail: $"{c.Provider} {c.BaseUrl} as {check.User.Login}");
        await db.SaveChangesAsync(ct);
        await jobs.DiscoverAsync(c.Id, ct);
        await jobs.ReconcileHooksAsync(c.Id, now, ct);
        return null;
    }
}
