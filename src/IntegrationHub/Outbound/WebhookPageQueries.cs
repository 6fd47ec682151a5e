using IntegrationHub.Data;
using IntegrationHub.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Outbound;

/// <summary>What the webhook pages read, shaped for the current member's role (see <see cref="WebhookView"/>).</summary>
public sealed class WebhookPageQueries(HubDb db, TenantScope scope, SubscriptionService subscriptions, SubscriptionDeliveries deliveries)
{
    private bool IsOwner => scope.Role == Roles.Owner;

    /// <summary>The URL as this member may see it.</summary>
    public string Shown(string url) => IsOwner ? url : WebhookUrls.Redacted(url);

    /// <summary>Tenant-filtered: another tenant's subscription is null (the page answers 404).</summary>
    public async Task<WebhookView?> FindAsync(Guid id, long? before, int pageSize, CancellationToken ct)
    {
        var subscription = await subscriptions.FindAsync(id, ct);
        if (subscription is null)
        {
            return null;
        }

        var ids = subscription.RepositoryIds;
        List<string> paths = ids.Count == 0 ? [] : await db.Repositories.AsNoTracking().Where(r => ids.Contains(r.Id))
            .OrderBy(r => r.FullPath).Select(r => r.FullPath).ToListAsync(ct);
        var attempts = await deliveries.AttemptsAsync(id, before, pageSize, ct) ?? [];
        if (!IsOwner)
        {
            attempts = [.. attempts.Select(a => a with { ResponseExcerpt = null })];
        }

        return new WebhookView(subscription, Shown(subscription.Url), paths, attempts);
    }

    /// <summary>The tenant's subscriptions, each with its latest attempt (a few dozen at most: one indexed look-up each).</summary>
    public async Task<List<(Subscription Subscription, OutboundAttempt? Last)>> ListAsync(CancellationToken ct)
    {
        var rows = new List<(Subscription, OutboundAttempt?)>();
        foreach (var s in await subscriptions.ListAsync(ct))
        {
            var last = await db.OutboundAttempts.AsNoTracking().Where(a => a.SubscriptionId == s.Id)
                .OrderByDescending(a => a.AttemptedAt).ThenByDescending(a => a.Id).FirstOrDefaultAsync(ct);
            rows.Add((s, last));
        }

        return rows;
    }

    /// <summary>The tenant's repositories to choose from when adding a subscription.</summary>
    public async Task<List<(Guid Id, string Path)>> RepositoriesAsync(CancellationToken ct) =>
        (await db.Repositories.AsNoTracking().OrderBy(r => r.FullPath).Select(r => new { r.Id, r.FullPath }).ToListAsync(ct))
            .Select(r => (r.Id, r.FullPath)).ToList();
}
