using IntegrationHub.Audit;
using IntegrationHub.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Outbound;

/// <summary>
/// Turns off a subscription whose endpoint has failed for <see cref="OutboundOptions.DisableAfterHours"/> without one
/// success, and tells its owner: the reason stays on the row (the subscriptions page shows it, the home page a
/// banner) and an audit entry records it. Pending deliveries wait; re-enabling resumes from "now" and replay since a
/// time recovers the gap.
/// </summary>
public sealed class OutboundDisabler(IServiceScopeFactory scopes, IOptions<OutboundOptions> options, TimeProvider clock)
{
    /// <summary>True when this call disabled it (another node, or a success in between, may have got there first).</summary>
    public async Task<bool> DisableAsync(Guid subscriptionId, string? lastError, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDb>();
        var now = clock.GetUtcNow();
        var cutoff = now.AddHours(-Math.Max(1, options.Value.DisableAfterHours));
        var recent = now - OutboundFailureRun.Break;
        // The worker has no tenant; this crosses tenants on purpose, for one subscription by id. Failing since before the
        // window and failing still: one unbroken run (see OutboundFailureRun), no success in it.
        var failing = db.Subscriptions.IgnoreQueryFilters()
            .Where(s => s.Id == subscriptionId && s.Enabled && s.FailingSince <= cutoff && s.LastFailureAt >= recent);
        var subscription = await failing.AsNoTracking().FirstOrDefaultAsync(ct);
        if (subscription is null)
        {
            return false;
        }

        string reason =
            $"Disabled by the hub on {now:yyyy-MM-dd HH:mm} UTC: every delivery to {WebhookUrls.Redacted(subscription.Url)} has failed since {subscription.FailingSince:yyyy-MM-dd HH:mm} UTC"
            + (lastError is null ? "." : $" (last: {lastError})") + " Fix the endpoint, enable the subscription again, and replay what it missed.";
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Conditional, so that of several senders failing at once exactly one disables it and tells the owner.
        int changed = await failing.ExecuteUpdateAsync(u => u
            .SetProperty(s => s.Enabled, false)
            .SetProperty(s => s.DisabledAt, now)
            .SetProperty(s => s.DisabledReason, reason)
            .SetProperty(s => s.UpdatedAt, now), ct);
        if (changed == 0)
        {
            return false;
        }

        scope.ServiceProvider.GetRequiredService<AuditLog>().Record("subscription.disabled", subscription.TenantId, $"subscription:{subscription.Id}",
            reason, actor: "worker");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }
}
