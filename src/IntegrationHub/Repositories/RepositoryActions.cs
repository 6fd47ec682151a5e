using IntegrationHub.Audit;
using IntegrationHub.Data;
using IntegrationHub.Jobs;
using IntegrationHub.Settings;
using IntegrationHub.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Repositories;

/// <summary>
/// The Repositories page's buttons. Every lookup goes through HubDb's tenant filter, so an id from another tenant is
/// simply not found. Each action queues work for the worker and returns the notice to show.
/// </summary>
internal sealed partial class RepositoryActions(HubDb db, JobStarter jobs, AuditLog audit, TenantScope scope, TimeProvider clock,
    RepositoryQuery query, IOptions<DiscoverOptions> discover)
{
    // A webhook-only connection has no token: every provider call would fail, so no work is queued for it.
    private const string NoToken = "This connection has no token, so the hub cannot call the provider for it (discovery, poll and hook repair are off). Add a token on Integrations to turn them on.";

    public async Task<string?> RefreshAsync(Guid connectionId, CancellationToken ct)
    {
        if (await db.Connections.SingleOrDefaultAsync(c => c.Id == connectionId, ct) is not { } c)
        {
            return null;
        }

        if (!c.CallsProvider)
        {
            return NoToken;
        }

        await jobs.DiscoverAsync(c.Id, ct);
        audit.Record("discovery.requested", c.TenantId, c.DisplayName);
        await db.SaveChangesAsync(ct);
        return "Refreshing repositories: discovery is queued.";
    }

    public async Task<string?> SetWatchModeAsync(Guid connectionId, string mode, CancellationToken ct)
    {
        OwnerOnly.Require(scope);
        if (!WatchModes.IsKnown(mode) || await db.Connections.SingleOrDefaultAsync(c => c.Id == connectionId, ct) is not { } c)
        {
            return null;
        }

        c.WatchMode = mode;
        c.UpdatedAt = clock.GetUtcNow();
        if (mode == WatchModes.All)
        {
            await db.Repositories.Where(r => r.ConnectionId == c.Id && !r.Watched).ExecuteUpdateAsync(u => u.SetProperty(r => r.Watched, true), ct);
        }

        audit.Record("repositories.watch_mode", c.TenantId, c.DisplayName, mode);
        await db.SaveChangesAsync(ct);
        if (c.AccessTokenProtected is not null)
        {
            await jobs.SyncHooksAsync(c.Id, ct);
        }

        return mode == WatchModes.All ? "Watching every repository, including ones added later." : "Watching the selected repositories only.";
    }

    /// <summary>
    /// Webhooks and the poll, webhooks only, or the poll only: hook work is planned at once (the poll only removes the
    /// hub's hooks; going back registers them), and the poll picks the change up at its next cycle.
    /// </summary>
    public async Task<string?> SetSyncModeAsync(Guid connectionId, string mode, CancellationToken ct)
    {
        OwnerOnly.Require(scope);
        if (!SyncModes.IsKnown(mode) || await db.Connections.SingleOrDefaultAsync(c => c.Id == connectionId, ct) is not { } c)
        {
            return null;
        }

        if (!c.CallsProvider)
        {
            return NoToken;
        }

        string before = c.SyncMode;
        if (before != mode)
        {
            c.SyncMode = mode;
            c.UpdatedAt = clock.GetUtcNow();
            audit.Record("connection.sync_mode", c.TenantId, c.DisplayName, mode);
            await db.SaveChangesAsync(ct);
            if (before == SyncModes.PollOnly || mode == SyncModes.PollOnly)
            {
                await jobs.SyncHooksAsync(c.Id, ct); // only the poll-only mode changes which hooks are wanted
            }
        }

        return mode switch
        {
            SyncModes.WebhooksOnly => "Kept in sync by webhooks only: the 60-second poll is off for this connection.",
            SyncModes.PollOnly => "Kept in sync by the 60-second poll only: the hub's webhooks are being removed.",
            _ => "Kept in sync by webhooks, with the 60-second poll as the safety net.",
        };
    }

    public async Task<(Guid ConnectionId, string Notice)?> SetWatchedAsync(Guid repositoryId, bool watched, CancellationToken ct)
    {
        OwnerOnly.Require(scope);
        if (await db.Repositories.SingleOrDefaultAsync(r => r.Id == repositoryId, ct) is not { } repo)
        {
            return null;
        }

        var c = await db.Connections.SingleAsync(x => x.Id == repo.ConnectionId, ct);
        string notice = watched ? $"Watching {repo.FullPath}." : $"Stopped watching {repo.FullPath}; its hook is being removed.";
        if (!watched && c.WatchMode == WatchModes.All)
        {
            // "All" means every repository; leaving one out makes it a selection (new repositories are then not watched).
            c.WatchMode = WatchModes.Selected;
            notice += " Watch mode is now \"selected\".";
        }

        repo.Watched = watched;
        audit.Record(watched ? "repository.watched" : "repository.unwatched", repo.TenantId, repo.FullPath);
        await db.SaveChangesAsync(ct);
        if (c.AuthKind == AuthKinds.GitHubApp)
        {
            return (repo.ConnectionId, watched ? $"Watching {repo.FullPath}." : $"Stopped watching {repo.FullPath}."); // the app webhook covers every repository
        }

        if (c.AccessTokenProtected is null)
        {
            // The hook is the one the person added at the provider; only they can add or remove it there.
            return (repo.ConnectionId, watched ? $"Watching {repo.FullPath}." : $"Stopped watching {repo.FullPath}. Remove the webhook you added at the provider yourself.");
        }

        await jobs.HookBatchesAsync(repo.ConnectionId, [repo.Id], 1, ct);
        return (repo.ConnectionId, notice);
    }

    public async Task<(Guid ConnectionId, string Notice)?> RetryHookAsync(Guid hookId, CancellationToken ct)
    {
        if (await db.Hooks.SingleOrDefaultAsync(h => h.Id == hookId && h.Status != HookStatus.Removed, ct) is not { RepositoryId: { } repoId } hook)
        {
            return null;
        }

        if (!await HasTokenAsync(hook.ConnectionId, ct))
        {
            return (hook.ConnectionId, NoToken);
        }

        hook.Status = HookStatus.Pending;
        hook.UpdatedAt = clock.GetUtcNow();
        audit.Record("hook.retry", hook.TenantId, hook.Url);
        await db.SaveChangesAsync(ct);
        await jobs.HookBatchesAsync(hook.ConnectionId, [repoId], 1, ct);
        return (hook.ConnectionId, "Registering the hook again.");
    }

    public async Task<string?> RetryFailedAsync(Guid connectionId, CancellationToken ct)
    {
        if (await db.Connections.SingleOrDefaultAsync(c => c.Id == connectionId, ct) is not { } c)
        {
            return null;
        }

        int count = await db.Hooks.Where(h => h.ConnectionId == c.Id && h.Status == HookStatus.Failed)
            .ExecuteUpdateAsync(u => u.SetProperty(h => h.Status, HookStatus.Pending).SetProperty(h => h.UpdatedAt, clock.GetUtcNow()), ct);
        audit.Record("hook.retry_failed", c.TenantId, c.DisplayName, $"{count} hooks");
        await db.SaveChangesAsync(ct);
        await jobs.SyncHooksAsync(c.Id, ct);
        return $"Registering {count} failed hooks again.";
    }

    public async Task<(Guid ConnectionId, string Notice)?> RotateAsync(Guid hookId, CancellationToken ct)
    {
        OwnerOnly.Require(scope);
        if (await db.Hooks.SingleOrDefaultAsync(h => h.Id == hookId && h.Status == HookStatus.Registered, ct) is not { } hook)
        {
            return null;
        }

        if (!await HasTokenAsync(hook.ConnectionId, ct))
        {
            return (hook.ConnectionId, NoToken);
        }

        audit.Record("hook.rotation_requested", hook.TenantId, hook.Url, actor: scope.Actor);
        await db.SaveChangesAsync(ct);
        await jobs.RotateSecretAsync(hook.ConnectionId, hook.Id, ct);
        return (hook.ConnectionId, "Rotating the secret; the old one stays accepted during the grace period.");
    }

    private Task<bool> HasTokenAsync(Guid connectionId, CancellationToken ct) =>
        db.Connections.AnyAsync(c => c.Id == connectionId && c.AccessTokenProtected != null, ct);
}
