using IntegrationHub.Addresses;
using IntegrationHub.Outbound;
using Microsoft.Extensions.Options;
using IntegrationHub.Tests.World;
using static IntegrationHub.Tests.Outbound.SubscriptionCalls;

namespace IntegrationHub.Tests.Outbound;

/// <summary>The address guard holds at connect time too, not only when the URL was saved.</summary>
public sealed class OutboundAddressGuardTests
{
    [Fact]
    public async Task Sender_refuses_at_the_socket_an_address_that_is_no_longer_allow_listed()
    {
        await using var world = await HubWorld.StartAsync(OutboundDriver.WorldOptions());
        await using var outbound = await OutboundDriver.StartAsync(world);
        var (tenant, api) = await outbound.TenantAsync("Tenant A");
        var repo = await outbound.RepositoryAsync(tenant);
        var (subscriptionId, _) = await CreateAsync(api, outbound.Receiver.Url); // allowed when saved
        long eventId = await outbound.EventAsync(repo);
        await outbound.FanOutUntilAsync(1);

        // The operator has since removed 127.0.0.1 from Hub:Security:AllowedPrivateHosts.
        var strict = new GuardedSockets(new BaseUrlGuard(Options.Create(new SecurityOptions { AllowHttpBaseUrls = true })));
        using var http = new OutboundHttp(strict, Options.Create(outbound.Options), outbound.Clock);
        Assert.Equal(1, await outbound.NewSender(http).RunOnceAsync(CancellationToken.None));

        Assert.Empty(outbound.Receiver.Received);
        Assert.Equal("pending", await outbound.DeliveryStatusAsync(eventId)); // retried later, on the schedule
        string error = await world.ValueAsync<string>("SELECT error FROM outbound_attempts WHERE subscription_id = $1", subscriptionId);
        Assert.Contains("private, loopback or link-local", error);
        Assert.Null(await world.ValueAsync<int?>("SELECT status_code FROM outbound_attempts WHERE subscription_id = $1", subscriptionId));
    }
}
