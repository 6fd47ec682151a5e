using IntegrationHub.Tests.World;
using static IntegrationHub.Tests.Outbound.SubscriptionCalls;

namespace IntegrationHub.Tests.Outbound;

/// <summary>Whatever goes wrong in one attempt is recorded as that attempt: logged, and retried on the schedule.</summary>
public sealed class OutboundBrokenAnswerTests
{
    [Fact]
    public async Task Connection_that_breaks_after_the_headers_of_a_500_is_logged_and_retried_on_the_schedule()
    {
        await using var world = await HubWorld.StartAsync(OutboundDriver.WorldOptions());
        await using var outbound = await OutboundDriver.StartAsync(world);
        var (tenant, api) = await outbound.TenantAsync("Tenant A");
        var repo = await outbound.RepositoryAsync(tenant);
        await CreateAsync(api, outbound.Receiver.Url);
        outbound.Receiver.Then(ReceiverAnswer.FailThenBreak);
        long eventId = await outbound.EventAsync(repo);
        await outbound.FanOutUntilAsync(1);
        var start = outbound.Clock.GetUtcNow();

        await outbound.SendDueAsync();

        Assert.Single(outbound.Receiver.Received);
        Assert.Equal("pending", await outbound.DeliveryStatusAsync(eventId));
        Assert.Equal(1, await world.ValueAsync<int>("SELECT attempts FROM outbound_deliveries WHERE event_id = $1", eventId));
        Assert.Equal(start + TimeSpan.FromSeconds(5), await world.ValueAsync<DateTimeOffset>("SELECT next_attempt_at FROM outbound_deliveries WHERE event_id = $1", eventId));
        Assert.Equal(500, await world.ValueAsync<int>("SELECT status_code FROM outbound_attempts"));
        Assert.Null(await world.ValueAsync<string?>("SELECT response_excerpt FROM outbound_attempts"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_2xx_whose_body_breaks_or_never_ends_is_delivered(bool stall)
    {
        await using var world = await HubWorld.StartAsync(OutboundDriver.WorldOptions());
        await using var outbound = await OutboundDriver.StartAsync(world, timeoutSeconds: 2);
        var (tenant, api) = await outbound.TenantAsync("Tenant A");
        var repo = await outbound.RepositoryAsync(tenant);
        await CreateAsync(api, outbound.Receiver.Url);
        outbound.Receiver.Then(stall ? ReceiverAnswer.OkThenStall : ReceiverAnswer.OkThenBreak);
        long eventId = await outbound.EventAsync(repo);
        await outbound.FanOutUntilAsync(1);

        await outbound.SendDueAsync();

        Assert.Equal("delivered", await outbound.DeliveryStatusAsync(eventId));
        Assert.Equal(200, await world.ValueAsync<int>("SELECT status_code FROM outbound_attempts"));
        Assert.Null(await world.ValueAsync<string?>("SELECT error FROM outbound_attempts"));
    }

    [Fact]
    public async Task Secret_that_no_longer_decrypts_is_a_failed_attempt_with_a_plain_error()
    {
        await using var world = await HubWorld.StartAsync(OutboundDriver.WorldOptions());
        await using var outbound = await OutboundDriver.StartAsync(world);
        var (tenant, api) = await outbound.TenantAsync("Tenant A");
        var repo = await outbound.RepositoryAsync(tenant);
        var (subscriptionId, _) = await CreateAsync(api, outbound.Receiver.Url);
        await world.ExecAsync("UPDATE subscriptions SET secret_protected = 'not-a-protected-secret' WHERE id = $1", subscriptionId);
        long eventId = await outbound.EventAsync(repo);
        await outbound.FanOutUntilAsync(1);

        await outbound.SendDueAsync();

        Assert.Empty(outbound.Receiver.Received);
        Assert.Equal("pending", await outbound.DeliveryStatusAsync(eventId));
        Assert.Equal(1, await world.ValueAsync<int>("SELECT attempts FROM outbound_deliveries WHERE event_id = $1", eventId));
        string error = await world.ValueAsync<string>("SELECT error FROM outbound_attempts");
        Assert.Contains("internal error", error);
        Assert.DoesNotContain("not-a-protected-secret", error);
        Assert.NotNull(await world.ValueAsync<DateTime?>("SELECT failing_since FROM subscriptions WHERE id = $1", subscriptionId));
    }
}
