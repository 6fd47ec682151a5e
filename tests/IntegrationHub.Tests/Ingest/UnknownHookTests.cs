using System.Net;
using IntegrationHub.Tests.World;
using IntegrationHub.WebhookIntake;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Ingest;

/// <summary>
/// Unknown hook ids cost no database write per request: rejections are counted in memory and added by the periodic flush.
/// The shared unknown-hook counter row is the proof: its row version (xmin) does not move while requests arrive. And an
/// id sent again costs no read either (nor does a known hook sent again): the ingress's hook lookups are counted from
/// Npgsql's command tracing.
/// </summary>
public sealed class UnknownHookTests
{
    [Fact]
    public async Task A_spray_of_unknown_hook_ids_writes_no_row_until_the_flush_counts_them_all()
    {
        // The periodic flush is an hour away: only the test's own flushes write.
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { Settings = { ["Hub:Ingest:Ingress:RejectionFlushSeconds"] = "3600" } });
        var tenant = await world.TenantAsync("Spray");
        var hook = await world.SignedHookAsync(tenant, "github", SignedDeliveries.NewSecret(Scheme.GitHub));
        var client = world.Hub.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(Push(hook with { Id = Guid.NewGuid() }))).StatusCode);
        await world.FlushRejectionsAsync();
        string counterVersion = (await world.TextAsync(CounterVersion))!;
        var before = await SnapshotAsync(world);

        var repeated = hook with { Id = Guid.NewGuid() };
        var answers = new List<HttpStatusCode>();
        for (int i = 0; i < 40; i++)
        {
            answers.Add((await client.SendAsync(Push(hook with { Id = Guid.NewGuid() }))).StatusCode);
            answers.Add((await client.SendAsync(Push(repeated))).StatusCode);
        }

        var during = await SnapshotAsync(world);
        string versionDuring = (await world.TextAsync(CounterVersion))!;
        await world.FlushRejectionsAsync();

        Assert.All(answers, s => Assert.Equal(HttpStatusCode.NotFound, s));
        Assert.Equal(before, during);
        Assert.Equal(counterVersion, versionDuring);
        Assert.Equal(81, await world.CountAsync(UnknownCount));
        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM deliveries"));
    }

    [Fact]
    public async Task An_unknown_hook_id_sent_again_and_again_is_looked_up_in_the_database_once()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions
        {
            Settings =
            {
                ["Hub:Ingest:Ingress:RejectionFlushSeconds"] = "3600",
                ["Hub:Ingest:Ingress:UnknownHookCacheSeconds"] = "3600", // remembered for the whole test, however slow the machine
            },
        });
        var tenant = await world.TenantAsync("Lookups");
        var hook = await world.SignedHookAsync(tenant, "github", SignedDeliveries.NewSecret(Scheme.GitHub));
        var client = world.Hub.CreateClient();
        var directory = world.Hub.Services.GetRequiredService<HookDirectory>();
        Assert.True(await HubWorld.EventuallyAsync(() => Task.FromResult(directory.Listening)), "the hook directory never listened");
        using var lookups = new HookLookups(world.ConnectionString);

        // A known hook is read once, then kept (HookDirectory): this shows the count sees the ingress's lookups at all.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(Push(hook, secret: "wrong"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(Push(hook, secret: "wrong"))).StatusCode);
        int known = lookups.Count;
        var repeated = hook with { Id = Guid.NewGuid() };
        for (int i = 0; i < 25; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(Push(repeated))).StatusCode);
        }

        int afterRepeats = lookups.Count;
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(Push(hook with { Id = Guid.NewGuid() }))).StatusCode);

        Assert.Equal(1, known);
        Assert.Equal(known + 1, afterRepeats);
        Assert.Equal(afterRepeats + 1, lookups.Count);
    }

    [Fact]
    public async Task Rejections_are_counted_by_the_periodic_flush_once_its_period_passes()
    {
        // The flush period is an hour of the host's clock, which only the test moves.
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { ManualClock = true, Settings = { ["Hub:Ingest:Ingress:RejectionFlushSeconds"] = "3600" } });
        var clock = world.Clock!;
        var tenant = await world.TenantAsync("Flush");
        var hook = await world.SignedHookAsync(tenant, "github", SignedDeliveries.NewSecret(Scheme.GitHub));
        var client = world.Hub.CreateClient();

        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(Push(hook, secret: "wrong"))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(Push(hook with { Id = Guid.NewGuid() }))).StatusCode);
        Assert.Equal("0/0/0/0", await SnapshotAsync(world));

        // The flusher's loop arms its timer in the background once the host has started: each poll moves the clock a whole
        // period on, so the first poll after the timer exists fires it, and no poll ever waits for the period itself.
        await Eventually(async () =>
        {
            clock.Advance(TimeSpan.FromHours(1));
            return await world.CountAsync("SELECT coalesce(sum(count), 0) FROM delivery_rejections WHERE hook_id = $1 AND reason = 'bad_signature'", hook.Id) == 3;
        });
        Assert.Equal(1, await world.CountAsync(UnknownCount));
        Assert.Equal(3, await world.CountAsync("SELECT rejected_count FROM hooks WHERE id = $1", hook.Id));
    }

    private const string CounterVersion = "SELECT xmin::text FROM delivery_rejections WHERE provider = 'github' AND hook_id = '00000000-0000-0000-0000-000000000000' AND reason = 'unknown_hook'";

    private const string UnknownCount = "SELECT coalesce(sum(count), 0) FROM delivery_rejections WHERE hook_id = '00000000-0000-0000-0000-000000000000' AND reason = 'unknown_hook'";

    /// <summary>Every row count and counter the ingress could write.</summary>
    private static async Task<string> SnapshotAsync(HubWorld world) => (await world.TextAsync("""
        SELECT (SELECT count(*) FROM deliveries) || '/' || (SELECT count(*) FROM delivery_rejections) || '/' ||
               (SELECT coalesce(sum(count), 0) FROM delivery_rejections) || '/' || (SELECT coalesce(sum(rejected_count), 0) FROM hooks)
        """))!;

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 60 s");
            await Task.Delay(200);
        }
    }

    private static HttpRequestMessage Push(TestHook hook, string? secret = null) => SignedDeliveries.Create(Scheme.GitHub, hook,
        IngestFixtures.Bytes("github/push.new-branch.json"), "push", Guid.NewGuid().ToString(), secret: secret);
}
