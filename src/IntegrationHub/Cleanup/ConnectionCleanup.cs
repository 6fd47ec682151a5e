using IntegrationHub.Audit;
using IntegrationHub.Data;
using IntegrationHub.Jobs;
using IntegrationHub.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Cleanup;

/// <summary>
/// Disconnect (tenant) and revoke (platform admin): the connection stops being used at once (status, queued work,
/// polls); the hooks we registered are removed by a hook removal job while the token still works; the token is
/// revoked and the secrets deleted after the last hook is gone (<see cref="CleanupFinisher"/>). With no hook to remove
/// at the provider, all of it happens in the request. Failures are shown and can be retried. Everything is audited.
/// </summary>
public sealed class ConnectionCleanup(HubDb db, AuditLog audit, TenantScope scope, TimeProvider clock, JobStarter jobs, CleanupFinisher finisher)
{
    public async Task<CleanupResult?> DisconnectAsync(Guid connectionId, CancellationToken ct)
    {
        OwnerOnly.Require(scope);
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

        if (c.Status == ConnectionStatus.Disconnected)
        {
            return AsItStands(c); // a second post (a retrying script, a second tab): its clean-up is already under way
        }

        c.Status = ConnectionStatus.Disconnected;
        c.StatusReason = $"Disconnected by {scope.Actor}";
        audit.Record("connection.disconnected", c.TenantId, target: $"connection:{c.Id}", detail: $"{c.Provider} {c.BaseUrl} as {c.AccountLogin}");
        return await RunAsync(c, ct);
    }

    /// <summary>Platform admins only: any tenant's connection. Null for anyone else, as for an unknown connection.</summary>
    public async Task<CleanupResult?> RevokeAsync(Guid connectionId, string reason, CancellationToken ct)
    {
        // The page's policy checks too; this holds for a circuit whose person was demoted after the page opened.
        if (!scope.IsPlatformAdmin)
        {
            return null;
        }

        var c = await db.Connections.IgnoreQueryFilters().FirstOrDefaultAsync(x => x.Id == connectionId, ct);
        if (c is null)
        {
            return null;
        }

        if (c.Status == ConnectionStatus.Revoked)
        {
            return AsItStands(c); // the first revocation's reason is what the tenant was shown: a second one changes nothing
        }

        c.Status = ConnectionStatus.Revoked;
        c.StatusReason = "Revoked by an administrator";
        c.RevokedBy = scope.UserId;
        c.RevokedReason = reason.Trim();
        audit.Record("connection.revoked", c.TenantId, target: $"connection:{c.Id}", detail: $"{c.Provider} {c.BaseUrl} as {c.AccountLogin}: {reason.Trim()}");
        return await RunAsync(c, ct);
    }

    /// <summary>
    /// Runs the clean-up of an already disconnected or revoked connection again: a member may ask for their tenant's;
    /// across tenants only a platform admin (null for anyone else, as for an unknown connection).
    /// </summary>
    public async Task<CleanupResult?> RetryAsync(Guid connectionId, bool acrossTenants, CancellationToken ct)
    {
        if (acrossTenants && !scope.IsPlatformAdmin)
        {
            return null;
        }

        var query = acrossTenants ? db.Connections.IgnoreQueryFilters() : db.Connections;
        var c = await query.FirstOrDefaultAsync(x => x.Id == connectionId && (x.Status == ConnectionStatus.Disconnected || x.Status == ConnectionStatus.Revoked), ct);
        return c is null ? null : await RunAsync(c, ct);
    }

    /// <summary>Nothing done: where an earlier disconnect or revoke stands (a failed clean-up is retried by <see cref="RetryAsync"/>).</summary>
    private static CleanupResult AsItStands(Connection c) => new(c.CleanupStatus == CleanupFinisher.Done, [], []);

    private async Task<CleanupResult> RunAsync(Connection c, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        c.CleanupStatus = CleanupFinisher.Pending;
        c.CleanupError = null;
        c.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        // Jobs already queued for the connection (discovery, hook batches) find it no longer active and end without a
        // provider call; an open removal (a retry while one is still under way) is left to finish: the enqueue below then
        // adds nothing.
        await db.PollStates.IgnoreQueryFilters().Where(p => p.ConnectionId == c.Id).ExecuteDeleteAsync(ct);

        List<string> notes = await SettleLocalHooksAsync(c, now, ct);
        if (c.CleanupNotes is { Length: > 0 } earlier)
        {
            notes.InsertRange(0, earlier.Split('\n'));
        }

        c.CleanupNotes = notes.Count == 0 ? null : string.Join("\n", notes.Distinct());
        int atProvider = await HooksAtProvider(c).CountAsync(ct);
        if (atProvider == 0)
        {
            return await finisher.FinishAsync(c, [], ct);
        }

        // Thousands of hooks are thousands of calls against the provider's hourly limit: a worker removes them, waits out
        // rate limits and resumes after a crash, then revokes the token and deletes the secrets (CleanupFinisher).
        await jobs.RemoveHooksAsync(c.Id, ct);
        audit.Record("connection.cleanup_queued", c.TenantId, target: $"connection:{c.Id}", detail: $"{atProvider} webhook(s) to remove at the provider");
        await db.SaveChangesAsync(ct);
        return new CleanupResult(false, [], notes) { HooksRemaining = atProvider };
    }

    /// <summary>The hooks only a call to the provider removes: the worker's share (see <see cref="ConnectionHookRemover"/>).</summary>
    private IQueryable<Hook> HooksAtProvider(Connection c) => db.Hooks.IgnoreQueryFilters()
        .Where(h => h.ConnectionId == c.Id && h.Status != HookStatus.Removed && h.RepositoryId != null);

    /// <summary>
    /// Hooks no call can remove (never created at the provider, no token, or added by the person for a webhook-only
    /// connection) are marked removed here; the person is told which ones to delete themselves.
    /// </summary>
    private async Task<List<string>> SettleLocalHooksAsync(Connection c, DateTimeOffset now, CancellationToken ct)
    {
        bool canCall = c.AccessTokenProtected is not null && c.AuthKind != AuthKinds.WebhookOnly;
        var local = db.Hooks.IgnoreQueryFilters().Where(h => h.ConnectionId == c.Id && h.Status != HookStatus.Removed
            && !(canCall && h.RepositoryId != null && (h.ProviderHookId != null || h.RegisterAttempts > 0)));
        List<string> notes = [];
        if (c.AuthKind == AuthKinds.WebhookOnly)
        {
            var paths = await local.Select(h => db.Repositories.IgnoreQueryFilters().Where(r => r.Id == h.RepositoryId).Select(r => r.FullPath).FirstOrDefault())
                .ToListAsync(ct);
            notes.AddRange(paths.Select(p => $"Remove the webhook you added on {p ?? c.AccountLogin} at the provider; the hub now refuses its deliveries."));
        }

        await local.ExecuteUpdateAsync(s => s.SetProperty(h => h.Status, HookStatus.Removed).SetProperty(h => h.SecretProtected, "")
            .SetProperty(h => h.PreviousSecretProtected, (string?)null).SetProperty(h => h.UpdatedAt, now), ct);
        return notes;
    }
}
