using IntegrationHub.Audit;
using IntegrationHub.Data;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.WebhookIntake;

/// <summary>
/// The per-hook delivery log and its "Redeliver", for the page (a grid reading a page at a time) and the form endpoint.
/// Every read goes through HubDb's tenant filter: another tenant's hook or delivery is not found (null).
/// </summary>
internal sealed class DeliveryLog(HubDb db, TenantScope scope, DeliveryClaims claims, AuditLog audit)
{
    public const int MaxTake = 200;

    public async Task<DeliveryLogSummary?> SummaryAsync(Guid hookId, CancellationToken ct)
    {
        var hook = await db.Hooks.AsNoTracking().Where(h => h.Id == hookId)
            .Select(h => new { h.Id, h.Provider, h.Status, h.RepositoryId, h.DuplicateCount, h.RejectedCount, h.LastDeliveryAt, h.LastPingAt })
            .FirstOrDefaultAsync(ct);
        if (hook is null)
        {
            return null;
        }

        string? repository = hook.RepositoryId is { } repositoryId
            ? await db.Repositories.AsNoTracking().Where(r => r.Id == repositoryId).Select(r => r.FullPath).FirstOrDefaultAsync(ct)
            : null;
        var rejections = await db.DeliveryRejections.AsNoTracking().Where(r => r.HookId == hook.Id).OrderByDescending(r => r.LastAt)
            .Select(r => new { r.Reason, r.Count, r.LastAt }).ToListAsync(ct);
        var byStatus = await db.Deliveries.Where(d => d.HookId == hook.Id).GroupBy(d => d.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return new DeliveryLogSummary(hook.Id, hook.Provider, hook.Status, repository, hook.DuplicateCount, hook.RejectedCount, hook.LastDeliveryAt,
            hook.LastPingAt, [.. rejections.Select(r => (r.Reason, r.Count, r.LastAt))], byStatus);
    }

    /// <summary>
    /// What changes when the page would: the hook's delivery stamps and counters, and how many deliveries still wait.
    /// One row by key and an indexed count, where the summary and the grid are six queries: the page polls this.
    /// </summary>
    public async Task<string?> StampAsync(Guid hookId, CancellationToken ct)
    {
        var stamp = await db.Hooks.AsNoTracking().Where(h => h.Id == hookId)
            .Select(h => new
            {
                h.Status, h.LastDeliveryAt, h.LastPingAt, h.RejectedCount, h.DuplicateCount,
                Waiting = db.Deliveries.Count(d => d.HookId == h.Id && (d.Status == "pending" || d.Status == "processing")),
            })
            .FirstOrDefaultAsync(ct);
        return stamp?.ToString();
    }

    /// <summary>Newest first (ties by id); skip and take run in PostgreSQL over the hook's deliveries.</summary>
    public async Task<DeliveryLogRows> PageAsync(Guid hookId, int skip, int take, CancellationToken ct)
    {
        var deliveries = db.Deliveries.AsNoTracking().Where(d => d.HookId == hookId);
        int total = await deliveries.CountAsync(ct);
        var rows = await deliveries.OrderByDescending(d => d.ReceivedAt).ThenByDescending(d => d.Id)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, MaxTake))
            .Select(d => new DeliveryLogLine(d.Id, d.DeliveryId, d.EventName, d.IsPing, d.ReceivedAt, d.Status, d.Attempts, d.EventCount, d.LastError))
            .ToListAsync(ct);
        return new DeliveryLogRows(rows, total);
    }

    /// <summary>
    /// Puts the delivery back in line for processing. Null: no such delivery of this hook for this tenant; false: not
    /// redelivered (a ping, or being processed right now).
    /// </summary>
    public async Task<bool?> RedeliverAsync(Guid hookId, long deliveryId, CancellationToken ct)
    {
        var delivery = await db.Deliveries.AsNoTracking().Where(d => d.Id == deliveryId && d.HookId == hookId)
            .Select(d => new { d.Id, d.DeliveryId, d.TenantId }).FirstOrDefaultAsync(ct);
        if (delivery is null || scope.TenantId != delivery.TenantId)
        {
            return null;
        }

        bool queued = await claims.RedeliverAsync(delivery.Id, delivery.TenantId, ct);
        if (queued)
        {
            audit.Record("delivery.redeliver", delivery.TenantId, $"hook {hookId}", $"delivery {delivery.DeliveryId}");
            await db.SaveChangesAsync(ct);
        }

        return queued;
    }
}
