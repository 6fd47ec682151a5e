using IntegrationHub.Audit;
using IntegrationHub.Data;
using IntegrationHub.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Outbound;

/// <summary>Replays and the attempt log of the current tenant's subscriptions.</summary>
public sealed class SubscriptionDeliveries(HubDb db, AuditLog audit, TenantScope scope, TimeProvider clock)
{
    /// <summary>The most events one replay-since queues; a larger window is replayed in several calls.</summary>
    public const int MaxReplay = 10_000;

    /// <summary>
    /// Sends one delivery again from the start of the retry schedule, with the same webhook-id. Null: no such
    /// subscription for this tenant; 0: no such delivery of it.
    /// </summary>
    public async Task<int?> ReplayOneAsync(Guid subscriptionId, long deliveryId, string? actor, CancellationToken ct)
    {
        OwnerOnly.Require(scope);
        var subscription = await db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == subscriptionId, ct);
        if (subscription is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Re-arms the row rather than adding one: (subscription, event) stays one delivery with one webhook-id. A claim
        // in flight loses its token, so its outcome is not written over the replay.
        int queued = await db.Database.ExecuteSqlAsync($"""
            UPDATE outbound_deliveries SET status = 'pending', attempts = 0, next_attempt_at = {now}, lease_until = NULL, lease_token = NULL
            WHERE id = {deliveryId} AND subscription_id = {subscriptionId} AND tenant_id = {subscription.TenantId}
            """, ct);
        if (queued > 0)
        {
            audit.Record("subscription.replayed", subscription.TenantId, $"subscription:{subscriptionId}", $"delivery {deliveryId}", actor);
            await db.SaveChangesAsync(ct);
        }

        await tx.CommitAsync(ct);
        return queued;
    }

    /// <summary>
    /// Queues every event matching the subscription recorded at or after <paramref name="since"/> (at most
    /// <see cref="MaxReplay"/>, oldest first), including events that arrived while it was disabled. Only events the
    /// fan-out has passed: later ones reach it the ordinary way. Null: no such subscription for this tenant.
    /// </summary>
    public async Task<int?> ReplaySinceAsync(Guid subscriptionId, DateTimeOffset since, string? actor, CancellationToken ct)
    {
        OwnerOnly.Require(scope);
        var subscription = await db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == subscriptionId, ct);
        if (subscription is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        int queued = await db.Database.ExecuteSqlRawAsync($$"""
            INSERT INTO outbound_deliveries (tenant_id, subscription_id, event_id, message_id, status, attempts, next_attempt_at, created_at)
            SELECT s.tenant_id, s.id, e.id, {{OutboundSql.MessageId}}, 'pending', 0, {2}, {2}
            FROM subscriptions s JOIN events e ON e.tenant_id = s.tenant_id
            WHERE s.id = {0} AND s.tenant_id = {1} AND e.recorded_at >= {3} AND (e.tx, e.id) <= (s.cursor_tx, s.cursor_id)
              AND {{OutboundSql.Matches}}
            ORDER BY e.tx, e.id
            LIMIT {{MaxReplay}}
            ON CONFLICT (subscription_id, event_id) DO UPDATE
                SET status = 'pending', attempts = 0, next_attempt_at = EXCLUDED.next_attempt_at, lease_until = NULL, lease_token = NULL
            """, [subscriptionId, subscription.TenantId, now, since], ct);
        audit.Record("subscription.replayed", subscription.TenantId, $"subscription:{subscriptionId}", $"since {since:u}: {queued} deliveries", actor);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return queued;
    }

    /// <summary>The newest attempts first, older than <paramref name="before"/> when given. Null: no such subscription.</summary>
    public async Task<IReadOnlyList<AttemptView>?> AttemptsAsync(Guid subscriptionId, long? before, int limit, CancellationToken ct)
    {
        if (!await db.Subscriptions.AnyAsync(s => s.Id == subscriptionId, ct))
        {
            return null;
        }

        var attempts = db.OutboundAttempts.AsNoTracking().Where(a => a.SubscriptionId == subscriptionId);
        if (before is { } b)
        {
            attempts = attempts.Where(a => a.Id < b);
        }

        var page = from a in attempts
                   join d in db.OutboundDeliveries on a.DeliveryId equals d.Id
                   orderby a.Id descending
                   select new AttemptView(a.Id, a.DeliveryId, d.EventId, d.MessageId, a.AttemptedAt, a.StatusCode, a.DurationMs, a.Error,
                       a.ResponseExcerpt, d.Status);
        return await page.Take(Math.Clamp(limit, 1, 500)).ToListAsync(ct);
    }
}
