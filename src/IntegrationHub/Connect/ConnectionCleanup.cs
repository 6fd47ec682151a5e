using IntegrationHub.Audit;
using IntegrationHub.Data;
using IntegrationHub.Hooks;
using IntegrationHub.Providers;
using IntegrationHub.Providers.Api;
using IntegrationHub.Secrets;
using IntegrationHub.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Connect;

/// <summary>
/// Disconnect (tenant) and revoke (platform admin): stop the connection's work, remove the hooks we registered,
/// revoke the token where the provider can, then delete the stored secrets. A failure at the provider leaves the
/// secrets in place so the clean-up can be retried, and is shown, never hidden. Everything is audited.
/// </summary>
public sealed class ConnectionCleanup(
    HubDb db, IConnectionApis apis, ISecretProtector secrets, ProviderHttp http, IOptions<PlatformAppsOptions> platform,
    AuditLog audit, TenantScope scope, TimeProvider clock, Hooks.HookProviderSync hookSync)
{
    public async Task<CleanupResult?> DisconnectAsync(Guid connectionId, CancellationToken ct)
    {
        var c = await db.Connections.FirstOrDefaultAsync(x => x.Id == connectionId && x.TenantId == scope.RequireTenant(), ct);
        if (c is null)
        {
            return null;
        }

        if (c.Status == ConnectionStatus.Revoked)
        {
            // Disconnecting would turn "revoked by an administrator" into "disconnected" and hide it from the tenant's list.
            throw new ConnectionRevokedException(c.Id, c.RevokedReason);
        }

        c.Status = ConnectionStatus.Disconnected;
        c.StatusReason = $"Disconnected by {scope.Actor}";
        audit.Record("connection.disconnected", c.TenantId, target: $"connection:{c.Id}", detail: $"{c.Provider} {c.BaseUrl} as {c.AccountLogin}");
        return await RunAsync(c, ct);
    }

    /// <summary>Platform admins only (the caller checks): any tenant's connection.</summary>
    public async Task<CleanupResult?> RevokeAsync(Guid connectionId, string reason, CancellationToken ct)
    {
        var c = await db.Connections.IgnoreQueryFilters().FirstOrDefaultAsync(x => x.Id == connectionId, ct);
        if (c is null)
        {
            return null;
        }

        c.Status = ConnectionStatus.Revoked;
        c.StatusReason = "Revoked by an administrator";
        c.RevokedBy = scope.UserId;
        c.RevokedReason = reason.Trim();
        audit.Record("connection.revoked", c.TenantId, target: $"connection:{c.Id}", detail: $"{c.Provider} {c.BaseUrl} as {c.AccountLogin}: {reason.Trim()}");
        return await RunAsync(c, ct);
    }

    /// <summary>Runs the clean-up of an already disconnected or revoked connection again.</summary>
    public async Task<CleanupResult?> RetryAsync(Guid connectionId, bool acrossTenants, CancellationToken ct)
    {
        var query = acrossTenants ? db.Connections.IgnoreQueryFilters() : db.Connections;
        var c = await query.FirstOrDefaultAsync(x => x.Id == connectionId && (x.Status == ConnectionStatus.Disconnected || x.Status == ConnectionStatus.Revoked), ct);
        return c is null ? null : await RunAsync(c, ct);
    }

    private async Task<CleanupResult> RunAsync(Connection c, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        c.CleanupStatus = "pending";
        c.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        // Stop work first, so nothing picks the connection up while its hooks are being removed.
        await db.WorkItems.IgnoreQueryFilters().Where(w => w.ConnectionId == c.Id && (w.Status == "pending" || w.Status == "running"))
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.Status, "failed").SetProperty(w => w.LastError, "connection disconnected")
                .SetProperty(w => w.LeaseUntil, (DateTimeOffset?)null).SetProperty(w => w.UpdatedAt, now), ct);
        await db.PollStates.IgnoreQueryFilters().Where(p => p.ConnectionId == c.Id).ExecuteDeleteAsync(ct);

        List<string> problems = [], notes = [];
        await RemoveHooksAsync(c, problems, notes, ct);
        await db.Entry(c).ReloadAsync(ct); // the token may have been refreshed while hooks were removed
        if (problems.Count == 0)
        {
            await RevokeTokenAsync(c, problems, notes, ct);
        }

        if (problems.Count == 0)
        {
            c.AccessTokenProtected = null;
            c.RefreshTokenProtected = null;
            c.ClientSecretProtected = null;
            c.AccessTokenExpiresAt = null;
            c.CleanupStatus = "done";
            c.CleanupError = null;
        }
        else
        {
            c.CleanupStatus = "failed";
            c.CleanupError = string.Join(" ", problems);
        }

        c.UpdatedAt = clock.GetUtcNow();
        audit.Record(problems.Count == 0 ? "connection.cleanup_done" : "connection.cleanup_failed", c.TenantId, target: $"connection:{c.Id}",
            detail: problems.Count == 0 ? string.Join(" ", notes) : c.CleanupError);
        await db.SaveChangesAsync(ct);
        return new CleanupResult(problems.Count == 0, problems, notes);
    }

    private async Task RemoveHooksAsync(Connection c, List<string> problems, List<string> notes, CancellationToken ct)
    {
        var hooks = await db.Hooks.IgnoreQueryFilters().Where(h => h.ConnectionId == c.Id && h.Status != HookStatus.Removed).ToListAsync(ct);
        IProviderApi? api = null;
        foreach (var hook in hooks)
        {
            var repo = hook.RepositoryId is { } rid ? await db.Repositories.IgnoreQueryFilters().FirstOrDefaultAsync(r => r.Id == rid, ct) : null;
            // A hook with no provider id may still exist at the provider (a registration interrupted after the create):
            // the hooks feature's removal also looks for ours by URL, so nothing of ours is left behind.
            if ((hook.ProviderHookId is not null || hook.RegisterAttempts > 0) && repo is not null && c.AccessTokenProtected is not null)
            {
                try
                {
                    api ??= await apis.ForAsync(c, ct);
                    await hookSync.RemoveAsync(api, repo, hook, ct);
                }
                catch (ProviderApiException ex)
                {
                    hook.LastError = ex.Message;
                    problems.Add($"The webhook on {repo.FullPath} could not be removed: {ex.Message}.");
                    continue;
                }
            }
            else if (c.AuthKind == AuthKinds.WebhookOnly)
            {
                notes.Add($"Remove the webhook you added on {repo?.FullPath ?? c.AccountLogin} at the provider; the hub now refuses its deliveries.");
            }

            hook.Status = HookStatus.Removed;
            hook.SecretProtected = "";
            hook.PreviousSecretProtected = null;
            hook.UpdatedAt = clock.GetUtcNow();
        }

        await db.SaveChangesAsync(ct);
    }

    private async Task RevokeTokenAsync(Connection c, List<string> problems, List<string> notes, CancellationToken ct)
    {
        if (c.AccessTokenProtected is null)
        {
            return;
        }

        if (c.AuthKind == AuthKinds.Pat)
        {
            notes.Add("Delete the personal access token at the provider if nothing else uses it.");
            return;
        }

        ProviderSlugs.TryParse(c.Provider, out var kind);
        string? clientId = c.ClientId ?? platform.Value.For(kind)?.ClientId;
        string? secret = c.ClientSecretProtected is { } s ? secrets.Unprotect(s) : platform.Value.For(kind)?.ClientSecret;
        var descriptor = ProviderDescriptors.For(kind);
        if (clientId is null || secret is null || !descriptor.SupportsOAuth)
        {
            return;
        }

        try
        {
            var client = new OAuthTokenClient(http.For(c.CaBundlePem), descriptor, new Uri(c.BaseUrl), new OAuthClientCredentials(clientId, secret), clock);
            if (!await client.RevokeAsync(secrets.Unprotect(c.AccessTokenProtected), ct))
            {
                notes.Add($"{descriptor.DisplayName} has no way for the hub to revoke the token: remove the app's access in your {descriptor.DisplayName} settings.");
            }
        }
        catch (Exception ex) when (ex is OAuthException or ProviderApiException)
        {
            problems.Add($"The token could not be revoked at {descriptor.DisplayName}: {ex.Message}");
        }
    }
}
