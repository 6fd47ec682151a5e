using System.Diagnostics;
using IntegrationHub.Addresses;
using IntegrationHub.Data;
using IntegrationHub.Outbound;
using IntegrationHub.Secrets;
using IntegrationHub.Tests.World;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;
using static IntegrationHub.Tests.Outbound.SubscriptionCalls;

namespace IntegrationHub.Tests.Outbound;

/// <summary>
/// The worker's loop (a Hangfire background process on worker nodes, run here without the server), on the real clock,
/// fans out and sends without being driven round by round.
/// </summary>
public sealed class OutboundLoopTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Worker_loop_delivers_every_event_to_every_subscriber_once_signed()
    {
        await using var world = await HubWorld.StartAsync(OutboundDriver.WorldOptions());
        await using var outbound = await OutboundDriver.StartAsync(world);
        var (tenant, api) = await outbound.TenantAsync("Tenant A");
        var repo = await outbound.RepositoryAsync(tenant);
        var secrets = new List<string>();
        for (int i = 0; i < 10; i++)
        {
            secrets.Add((await CreateAsync(api, outbound.Receiver.Url)).Secret);
        }

        var options = Options.Create(new OutboundOptions { TimeoutSeconds = 5, IdleMilliseconds = 20 });
        var clock = TimeProvider.System;
        var claims = new OutboundClaims(world.Db, options, clock);
        using var http = new OutboundHttp(world.Hub.Services.GetRequiredService<GuardedSockets>(), options, clock);
        var sender = new OutboundSender(world.Db, claims, http,
            new OutboundDisabler(world.Hub.Services.GetRequiredService<IServiceScopeFactory>(), options, clock),
            world.Hub.Services.GetRequiredService<ISecretProtector>(), options, clock, NullLogger<OutboundSender>.Instance);
        var loop = new OutboundLoop(new OutboundFanOut(world.Db, options, clock), claims, sender, options, clock, NullLogger<OutboundLoop>.Instance);
        using var stop = new CancellationTokenSource();
        var running = loop.RunAsync(stop.Token);

        const int events = 100;
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < events; i++)
        {
            await outbound.EventAsync(repo);
        }

        var received = await outbound.Receiver.WaitForAsync(events * 10);
        watch.Stop();
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(30)); // stopping ends the loop quietly

        Assert.Equal(events * 10, received.Length);
        Assert.Equal(events * 10, received.Select(r => r.Id).Distinct().Count());
        Assert.All(received, r => Assert.Contains(secrets, s => Verifies(r, s)));
        output.WriteLine($"{events} events x 10 subscribers: {received.Length} webhooks in {watch.Elapsed.TotalSeconds:F1} s (inserts included), "
            + $"{received.Length / watch.Elapsed.TotalSeconds:F0} deliveries/s on this machine under test load");
    }

    private static bool Verifies(ReceivedWebhook webhook, string secret)
    {
        try
        {
            WebhookReceiver.Verify(webhook, secret);
            return true;
        }
        catch (StandardWebhooks.Diagnostics.WebhookVerificationException)
        {
            return false;
        }
    }
}
