using System.Net;
using System.Net.Http.Json;
using IntegrationHub.Outbound;
using IntegrationHub.Tests.World;
using static IntegrationHub.Tests.Outbound.SubscriptionCalls;

namespace IntegrationHub.Tests.Outbound;

/// <summary>Failures are retried on the schedule, logged attempt by attempt, and an endpoint down for days is disabled.</summary>
public sealed class OutboundRetryTests
{
    [Fact]
    public async Task Failing_receiver_is_retried_on_the_schedule_and_succeeds_later_with_every_attempt_logged()
    {
        await using var world = await HubWorld.StartAsync(OutboundDriver.WorldOptions());
        await using var outbound = await OutboundDriver.StartAsync(world, timeoutSeconds: 2);
        var (tenant, api) = await outbound.TenantAsync("Tenant A");
        var repo = await outbound.RepositoryAsync(tenant);
        var (subscriptionId, secret) = await CreateAsync(api, outbound.Receiver.Url);
        outbound.Receiver.Then(ReceiverAnswer.Fail, ReceiverAnswer.Hang);
        long eventId = await outbound.EventAsync(repo);
        await outbound.FanOutUntilAsync(1);
        var start = outbound.Clock.GetUtcNow();

        await outbound.SendUntilAsync(1); // 500
        Assert.Equal(start + TimeSpan.FromSeconds(5), await NextAttemptAsync(world, eventId));
        Assert.NotNull(await world.ValueAsync<DateTime?>("SELECT failing_since FROM subscriptions WHERE id = $1", subscriptionId));
        Assert.Equal(0, await outbound.Sender.RunOnceAsync(CancellationToken.None)); // not due before 5 s

        outbound.Clock.Advance(TimeSpan.FromSeconds(5));
        await outbound.SendUntilAsync(2); // no answer within the (test's) 2 s timeout
        await WaitForAttemptsAsync(world, eventId, 2);
        Assert.Equal(start + TimeSpan.FromSeconds(5) + TimeSpan.FromMinutes(5), await NextAttemptAsync(world, eventId));

        outbound.Clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(0, await outbound.Sender.RunOnceAsync(CancellationToken.None));
        outbound.Clock.Advance(TimeSpan.FromMinutes(1));
        var received = await outbound.SendUntilAsync(3);
        Assert.Equal("delivered", await outbound.DeliveryStatusAsync(eventId));
        Assert.Single(received.Select(r => r.Id).Distinct()); // one webhook-id across the retries
        WebhookReceiver.Verify(received[0], secret);
        Assert.Null(await world.ValueAsync<DateTime?>("SELECT failing_since FROM subscriptions WHERE id = $1", subscriptionId));

        var page = await JsonAsync(await api.GetAsync($"/api/v1/subscriptions/{subscriptionId}/attempts"), HttpStatusCode.OK);
        var attempts = page["data"]!.AsArray();
        Assert.Equal(3, attempts.Count);
        Assert.Equal(200, attempts[0]!["statusCode"]!.GetValue<int>());
        Assert.Null(attempts[1]!["statusCode"]);
        Assert.Contains("No answer within 2 s", attempts[1]!["error"]!.GetValue<string>());
        Assert.InRange(attempts[1]!["durationMs"]!.GetValue<int>(), 1500, 60_000);
        Assert.Equal(500, attempts[2]!["statusCode"]!.GetValue<int>());
        Assert.Equal("boom: the receiver is down", attempts[2]!["responseExcerpt"]!.GetValue<string>());
        Assert.All(attempts, a => Assert.InRange(a!["durationMs"]!.GetValue<int>(), 0, 60_000));
    }

    [Fact]
    public async Task Retry_after_of_a_429_is_honoured_and_the_schedule_ends_in_failed()
    {
        await using var world = await HubWorld.StartAsync(OutboundDriver.WorldOptions());
        await using var outbound = await OutboundDriver.StartAsync(world);
        var (tenant, api) = await outbound.TenantAsync("Tenant A");
        var repo = await outbound.RepositoryAsync(tenant);
        await CreateAsync(api, outbound.Receiver.Url);
        outbound.Receiver.Then(ReceiverAnswer.TooMany);
        outbound.Receiver.Default = ReceiverAnswer.Fail;
        long eventId = await outbound.EventAsync(repo);
        await outbound.FanOutUntilAsync(1);
        var start = outbound.Clock.GetUtcNow();

        await outbound.SendUntilAsync(1);
        Assert.Equal(start + TimeSpan.FromSeconds(120), await NextAttemptAsync(world, eventId));

        // Then the schedule: 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, and after the eighth attempt the delivery has failed.
        for (int attempt = 2; attempt <= RetrySchedule.MaxAttempts; attempt++)
        {
            outbound.Clock.Advance(await NextAttemptAsync(world, eventId) - outbound.Clock.GetUtcNow());
            await outbound.SendUntilAsync(attempt);
            await WaitForAttemptsAsync(world, eventId, attempt);
        }

        Assert.Equal("failed", await outbound.DeliveryStatusAsync(eventId));
        outbound.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await outbound.Sender.RunOnceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Endpoint_failing_without_a_break_for_five_days_is_disabled_and_the_owner_is_told()
    {
        await using var world = await HubWorld.StartAsync(OutboundDriver.WorldOptions());
        await using var outbound = await OutboundDriver.StartAsync(world);
        var (tenant, api) = await outbound.TenantAsync("Tenant A");
        var repo = await outbound.RepositoryAsync(tenant);
        var (subscriptionId, _) = await CreateAsync(api, outbound.Receiver.Url);
        outbound.Receiver.Default = ReceiverAnswer.Fail;
        await outbound.EventAsync(repo);
        await outbound.FanOutUntilAsync(1);
        await outbound.SendDueAsync();

        // A new event every 8 hours, every attempt failing: one unbroken run. 14 steps: 112 hours, not yet 5 days.
        for (int step = 1; step <= 14; step++)
        {
            outbound.Clock.Advance(TimeSpan.FromHours(8));
            await outbound.EventAsync(repo);
            await outbound.FanOutUntilAsync(step + 1);
            await outbound.SendDueAsync();
        }

        Assert.True(await world.ValueAsync<bool>("SELECT enabled FROM subscriptions WHERE id = $1", subscriptionId));

        outbound.Clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(5));
        await outbound.SendDueAsync();

        var shown = await JsonAsync(await api.GetAsync($"/api/v1/subscriptions/{subscriptionId}"), HttpStatusCode.OK);
        Assert.False(shown["enabled"]!.GetValue<bool>());
        Assert.Contains("has failed since", shown["disabledReason"]!.GetValue<string>());
        Assert.Equal(1, await world.ValueAsync<long>(
            "SELECT count(*) FROM audit_log WHERE tenant_id = $1 AND action = 'subscription.disabled' AND target = $2", tenant, $"subscription:{subscriptionId}"));

        // Disabled: nothing more is sent, and re-enabling clears the notice.
        outbound.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await outbound.Sender.RunOnceAsync(CancellationToken.None));
        var enabled = await JsonAsync(await api.PatchAsJsonAsync($"/api/v1/subscriptions/{subscriptionId}", new { enabled = true }), HttpStatusCode.OK);
        Assert.True(enabled["enabled"]!.GetValue<bool>());
        Assert.Null(enabled["disabledReason"]);
    }

    private static Task<DateTimeOffset> NextAttemptAsync(HubWorld world, long eventId) =>
        world.ValueAsync<DateTimeOffset>("SELECT next_attempt_at FROM outbound_deliveries WHERE event_id = $1", eventId);

    /// <summary>The sender records an attempt right after the answer; the receiver may see the request a moment before.</summary>
    private static async Task WaitForAttemptsAsync(HubWorld world, long eventId, int attempts)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await world.ValueAsync<int>("SELECT attempts FROM outbound_deliveries WHERE event_id = $1", eventId) < attempts && DateTime.UtcNow < deadline)
        {
            await Task.Delay(25);
        }

        Assert.Equal(attempts, await world.ValueAsync<int>("SELECT attempts FROM outbound_deliveries WHERE event_id = $1", eventId));
    }
}
