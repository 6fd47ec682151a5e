using IntegrationHub.Data;
using IntegrationHub.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Repositories;

/// <summary>Bulk watch and unwatch: the single watch for many repositories at once, planned in hook batches.</summary>
internal sealed partial class RepositoryActions
{
    /// <summary>Most ids one request may name; past it, "all matching the filter" says the same in one statement.</summary>
    public const int MaxBulkIds = 10_000;

    /// <summary>
    /// Sets <see cref="BulkWatchRequest.Watched"/> on the repositories asked for, of the connection and the current tenant
    /// (HubDb's filter: another tenant's ids match nothing and change nothing), and queues hook jobs for the ones that
    /// changed, in batches of Hub:Discover:BatchSize as discovery's plan does. Null: no such connection for this tenant.
    /// </summary>
    /// <exception cref="ArgumentException">Too many ids, or a filter naming an unknown state.</exception>
    public async Task<BulkWatchOutcome?> SetWatchedManyAsync(BulkWatchRequest request, CancellationToken ct)
    {
        OwnerOnly.Require(scope);
        if (request.RepositoryIds is { Count: > MaxBulkIds })
        {
            throw new ArgumentException($"At most {MaxBulkIds} repository ids at once; use the filter for more.", nameof(request));
        }

        var filter = request.Filter ?? RepositoryFilter.Any;
        if (filter.Validate() is { Count: > 0 } errors)
        {
            throw new ArgumentException(string.Join(" ", errors.Values.SelectMany(e => e)), nameof(request));
        }

        if (await db.Connections.SingleOrDefaultAsync(c => c.Id == request.ConnectionId, ct) is not { } c)
        {
            return null;
        }

        var candidates = request.RepositoryIds is { } named
            ? await db.Repositories.Where(r => r.ConnectionId == c.Id && named.Contains(r.Id)).Select(r => r.Id).ToListAsync(ct)
            : await query.IdsAsync(c.Id, filter, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Only the rows that change: a repository already so has nothing to plan.
        var changed = await db.Repositories.Where(r => candidates.Contains(r.Id) && r.Watched != request.Watched)
            .OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(ct);
        await db.Repositories.Where(r => changed.Contains(r.Id)).ExecuteUpdateAsync(u => u.SetProperty(r => r.Watched, request.Watched), ct);
        string notice = request.Watched ? $"Watching {changed.Count} more repositories." : $"Stopped watching {changed.Count} repositories; their hooks are being removed.";
        if (!request.Watched && changed.Count > 0 && c.WatchMode == WatchModes.All)
        {
            // As for one repository: "all" means every repository, so leaving some out makes it a selection.
            c.WatchMode = WatchModes.Selected;
            c.UpdatedAt = clock.GetUtcNow();
            notice += " Watch mode is now \"selected\".";
        }

        audit.Record(request.Watched ? "repositories.watched" : "repositories.unwatched", c.TenantId, c.DisplayName, $"{changed.Count} repositories");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (c.AccessTokenProtected is null)
        {
            // Webhook-only: the hooks are the ones the person added at the provider; only they can add or remove them there.
            return new BulkWatchOutcome(c.Id, changed.Count, request.Watched ? notice
                : $"Stopped watching {changed.Count} repositories. Remove the webhooks you added at the provider yourself.");
        }

        await jobs.HookBatchesAsync(c.Id, changed, Math.Max(1, discover.Value.BatchSize), ct);
        return new BulkWatchOutcome(c.Id, changed.Count, notice);
    }
}
