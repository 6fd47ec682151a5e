using IntegrationHub.Tests.World;
using IntegrationHub.WebhookIntake;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Tests.Ingest;

/// <summary>
/// Retention on a hand-moved clock: handled deliveries and idle rejection counters past the delivery retention, and events past
/// the event retention, are deleted in batches; newer rows, and deliveries still being worked on, stay.
/// </summary>
public sealed class RetentionTests(HubWorldFixture fx) : IClassFixture<HubWorldFixture>
{
    private HubWorld World => fx.World;

    [Fact]
    public async Task Old_deliveries_rejections_and_events_are_deleted_in_batches_and_new_ones_kept()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow.AddYears(3));
        var now = clock.GetUtcNow();
        var hook = await HookAsync();
        foreach (var (age, status) in new[] { (40, "processed"), (40, "ignored"), (40, "failed"), (35, "processed"), (31, "processed"), (40, "pending"), (29, "processed"), (1, "processed") })
        {
            await DeliveryAsync(hook, now.AddDays(-age), status);
        }

        foreach (int age in new[] { 400, 380, 366, 364, 10 })
        {
            await EventAsync(hook, now.AddDays(-age));
        }

        foreach (var (reason, age) in new[] { ("bad_signature", 45), ("missing_header", 31), ("oversized", 2) })
        {
            await World.ExecAsync("INSERT INTO delivery_rejections (provider, hook_id, reason, count, last_at) VALUES ('github', $1, $2, 7, $3)", hook.Id, reason, now.AddDays(-age));
        }

        var result = await Sweep(clock, new RetentionOptions { BatchSize = 2 }).RunAsync(CancellationToken.None);

        Assert.Equal(new RetentionResult(5, 2, 3), result);
        Assert.Equal(new[] { "1:processed", "29:processed", "40:pending" }, await DeliveriesLeftAsync(hook, now));
        Assert.Equal(2, await World.CountAsync("SELECT count(*) FROM events WHERE repository_id = $1", hook.RepositoryId));
        Assert.Equal("oversized", await World.TextAsync("SELECT string_agg(reason, ',') FROM delivery_rejections WHERE hook_id = $1", hook.Id));
    }

    [Fact]
    public async Task A_delivery_a_provider_can_still_redeliver_is_kept_whatever_the_setting_says()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow.AddYears(4));
        var now = clock.GetUtcNow();
        var hook = await HookAsync();
        await DeliveryAsync(hook, now.AddDays(-6), "processed");
        await DeliveryAsync(hook, now.AddDays(-8), "processed");
        await EventAsync(hook, now.AddDays(-20));

        await Sweep(clock, new RetentionOptions { DeliveryDays = 1, EventDays = 1 }).RunAsync(CancellationToken.None);

        // GitHub Enterprise Server redelivers up to 7 days back: the dedupe key (the delivery row) lives at least that long.
        Assert.Equal(new[] { "6:processed" }, await DeliveriesLeftAsync(hook, now));
        Assert.Equal(1, await World.CountAsync("SELECT count(*) FROM events WHERE repository_id = $1", hook.RepositoryId));
    }

    private RetentionSweep Sweep(ManualClock clock, RetentionOptions options) =>
        new(World.Db, clock, Options.Create(options), NullLogger<RetentionSweep>.Instance);

    private async Task<TestHook> HookAsync()
    {
        var tenant = await World.TenantAsync("Retention " + Guid.NewGuid().ToString("n")[..6]);
        return await World.SignedHookAsync(tenant, "github", SignedDeliveries.NewSecret(Scheme.GitHub));
    }

    private Task DeliveryAsync(TestHook hook, DateTimeOffset receivedAt, string status) => World.ExecAsync("""
        INSERT INTO deliveries (tenant_id, hook_id, connection_id, repository_id, provider, delivery_id, headers, body, received_at, status, next_attempt_at)
        VALUES ($1, $2, $3, $4, 'github', $5, '{}', '\x7b7d'::bytea, $6, $7, $6)
        """, hook.TenantId, hook.Id, hook.ConnectionId, hook.RepositoryId, Guid.NewGuid().ToString(), receivedAt, status);

    private Task EventAsync(TestHook hook, DateTimeOffset recordedAt) => World.ExecAsync("""
        INSERT INTO events (tenant_id, connection_id, repository_id, provider, kind, natural_key, source, occurred_at, recorded_at, payload)
        VALUES ($1, $2, $3, 'GitHub', 'Push', $4, 'webhook', $5, $5, '{}')
        """, hook.TenantId, hook.ConnectionId, hook.RepositoryId, Guid.NewGuid().ToString(), recordedAt);

    private async Task<string[]> DeliveriesLeftAsync(TestHook hook, DateTimeOffset now) => (await World.TextAsync("""
        SELECT string_agg(round(extract(epoch FROM $2 - received_at) / 86400)::int || ':' || status, ',' ORDER BY received_at DESC)
        FROM deliveries WHERE hook_id = $1
        """, hook.Id, now))!.Split(',');
}
