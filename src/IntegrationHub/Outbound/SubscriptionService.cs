using System.Globalization;
using IntegrationHub.Audit;
using IntegrationHub.Data;
using IntegrationHub.Events;
using IntegrationHub.Secrets;
using IntegrationHub.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Outbound;

/// <summary>
/// Create, change, rotate and delete the current tenant's subscriptions (dashboard and API alike). Every URL passes the
/// address guard here and again at the socket on every delivery. Every change is audited with <c>actor</c> (an API
/// key's name; null: the signed-in user).
/// </summary>
public sealed class SubscriptionService(HubDb db, TenantScope scope, AuditLog audit, ISecretProtector protector, SubscriptionValidator validator,
    IOptions<OutboundOptions> options, TimeProvider clock)
{
    public Task<Subscription?> FindAsync(Guid id, CancellationToken ct) => db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);

    public Task<List<Subscription>> ListAsync(CancellationToken ct) =>
        db.Subscriptions.AsNoTracking().OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).ToListAsync(ct);

    public async Task<SubscriptionChange> CreateAsync(SubscriptionInput input, string? actor, CancellationToken ct)
    {
        OwnerOnly.Require(scope);
        var tenantId = scope.RequireTenant();
        var (clean, errors) = await validator.CheckAsync(tenantId, input with { Url = input.Url ?? "", Kinds = input.Kinds ?? [], Repositories = input.Repositories ?? [] }, ct);
        if (errors.Count > 0)
        {
            return SubscriptionChange.Invalid(errors);
        }

        string secret = SubscriptionSecrets.New();
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Serializes creates per tenant, so two at once cannot both pass the limit.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended('subscriptions:' || {tenantId}::text, 0))", ct);
        int max = Math.Max(1, options.Value.MaxSubscriptionsPerTenant);
        if (await db.Subscriptions.CountAsync(ct) >= max)
        {
            return SubscriptionChange.Invalid(new Dictionary<string, string[]>
            {
                ["subscriptions"] = [$"This tenant already has {max} subscriptions, the most allowed. Delete one before adding another."],
            });
        }

        var subscription = new Subscription
        {
            Id = Guid.NewGuid(),
            TenantId = tenantId,
            Url = clean.Url!,
            Kinds = [.. clean.Kinds!],
            RepositoryIds = [.. clean.Repositories!],
            Description = string.IsNullOrEmpty(clean.Description) ? null : clean.Description,
            SecretProtected = protector.Protect(secret),
            CreatedAt = now,
            UpdatedAt = now,
            CreatedBy = actor ?? scope.Actor,
        };
        db.Subscriptions.Add(subscription);
        audit.Record("subscription.created", tenantId, $"subscription:{subscription.Id}", Describe(subscription), actor);
        await db.SaveChangesAsync(ct);
        await MoveToTailAsync(subscription.Id, ct);
        await tx.CommitAsync(ct);
        return new SubscriptionChange(subscription, secret);
    }

    public async Task<SubscriptionChange> UpdateAsync(Guid id, SubscriptionInput input, string? actor, CancellationToken ct)
    {
        OwnerOnly.Require(scope);
        var subscription = await db.Subscriptions.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (subscription is null)
        {
            return SubscriptionChange.NotFound;
        }

        var (clean, errors) = await validator.CheckAsync(subscription.TenantId, input, ct);
        if (errors.Count > 0)
        {
            return SubscriptionChange.Invalid(errors);
        }

        var now = clock.GetUtcNow();
        var changed = new List<string>();
        if (clean.Url is { } url && url != subscription.Url)
        {
            subscription.Url = url;
            changed.Add("url");
        }

        if (clean.Kinds is { } kinds && !kinds.SequenceEqual(subscription.Kinds))
        {
            subscription.Kinds = [.. kinds];
            changed.Add("kinds");
        }

        if (clean.Repositories is { } repositories && !repositories.SequenceEqual(subscription.RepositoryIds))
        {
            subscription.RepositoryIds = [.. repositories];
            changed.Add("repositories");
        }

        if (clean.Description is { } description && description != (subscription.Description ?? ""))
        {
            subscription.Description = description.Length == 0 ? null : description;
            changed.Add("description");
        }

        bool reenabled = clean.Enabled == true && !subscription.Enabled;
        if (clean.Enabled is { } enabled && enabled != subscription.Enabled)
        {
            subscription.Enabled = enabled;
            // Re-enabling clears the hub's notice and the failure run; disabling by a person leaves no notice to show.
            subscription.DisabledReason = null;
            subscription.DisabledAt = enabled ? null : now;
            subscription.FailingSince = null;
            changed.Add(enabled ? "enabled" : "disabled");
        }

        if (changed.Count == 0)
        {
            return new SubscriptionChange(subscription);
        }

        subscription.UpdatedAt = now;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        audit.Record("subscription.updated", subscription.TenantId, $"subscription:{id}", $"changed {string.Join(", ", changed)}; {Describe(subscription)}", actor);
        await db.SaveChangesAsync(ct);
        if (reenabled)
        {
            // Events that arrived while it was off are not sent on their own (replay since a time does that), so a
            // subscription back after days does not flood its endpoint.
            await MoveToTailAsync(id, ct);
        }

        await tx.CommitAsync(ct);
        return new SubscriptionChange(subscription);
    }

    /// <summary>A new secret; the previous one keeps signing (a second signature) for the grace period.</summary>
    public async Task<SubscriptionChange> RotateSecretAsync(Guid id, string? actor, CancellationToken ct)
    {
        OwnerOnly.Require(scope);
        var subscription = await db.Subscriptions.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (subscription is null)
        {
            return SubscriptionChange.NotFound;
        }

        string secret = SubscriptionSecrets.New();
        var now = clock.GetUtcNow();
        subscription.PreviousSecretProtected = subscription.SecretProtected;
        subscription.PreviousValidUntil = now.AddHours(Math.Max(0, options.Value.RotationGraceHours));
        subscription.SecretProtected = protector.Protect(secret);
        subscription.UpdatedAt = now;
        audit.Record("subscription.secret_rotated", subscription.TenantId, $"subscription:{id}",
            $"previous secret also signs until {subscription.PreviousValidUntil:u}", actor);
        await db.SaveChangesAsync(ct);
        return new SubscriptionChange(subscription, secret);
    }

    public async Task<bool> DeleteAsync(Guid id, string? actor, CancellationToken ct)
    {
        OwnerOnly.Require(scope);
        var subscription = await db.Subscriptions.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (subscription is null)
        {
            return false;
        }

        db.Subscriptions.Remove(subscription);
        audit.Record("subscription.deleted", subscription.TenantId, $"subscription:{id}", Describe(subscription), actor);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// Starts the subscription's fan-out at the feed's tail, "now" (<see cref="EventCursor.NowAsync"/>): every event not
    /// yet readable comes after it, so nothing committed after this call is missed. Runs in the caller's transaction.
    /// </summary>
    private async Task MoveToTailAsync(Guid id, CancellationToken ct)
    {
        var tail = await EventCursor.NowAsync((NpgsqlConnection)db.Database.GetDbConnection(), ct);
        string tx = tail.Tx.ToString(CultureInfo.InvariantCulture);
        // Raw SQL bypasses the query filter: the tenant is named so that an id alone never reaches another tenant's row.
        var tenantId = scope.RequireTenant();
        await db.Database.ExecuteSqlAsync(
            $"UPDATE subscriptions SET cursor_tx = {tx}::xid8, cursor_id = {tail.Id} WHERE id = {id} AND tenant_id = {tenantId}", ct);
    }

    /// <summary>The URL without its query: the audit log is read by every member, and a query may carry the receiver's token.</summary>
    private static string Describe(Subscription s) =>
        $"{WebhookUrls.Redacted(s.Url)} kinds [{string.Join(", ", s.Kinds)}] repositories [{string.Join(", ", s.RepositoryIds)}]";
}
