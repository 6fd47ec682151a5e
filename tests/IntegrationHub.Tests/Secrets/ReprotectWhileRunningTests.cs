using IntegrationHub.Secrets;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Secrets;

/// <summary>
/// <c>--reprotect-secrets</c> is not a rolling operation: while a worker node has beaten recently it refuses and changes
/// nothing; once every recorded heartbeat is stale it runs.
/// </summary>
public sealed class ReprotectWhileRunningTests
{
    [Fact]
    public async Task Reprotect_refuses_while_a_worker_node_beats_and_runs_once_every_heartbeat_is_stale()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { WebHost = false });
        var secrets = new SecretsSeed(world);
        await using (var hub = new HubFactory(world.ConnectionString))
        {
            await secrets.SeedAsync(hub);
        }

        var before = await secrets.StoredAsync();
        var ringBefore = (await secrets.KeyRingAsync()).Select(e => e.ToString()).ToList();
        // One beat an hour, stale after four: "recent" is a wide window, so a loaded machine cannot age the fresh row out.
        var env = world.Env(new()
        {
            ["Hub__KeyRing__Key"] = KeyEncryptionKey.NewBase64(),
            ["Hub__Worker__HeartbeatSeconds"] = "3600",
            ["Hub__Worker__StaleAfterBeats"] = "4",
        });
        await world.ExecAsync("""
            INSERT INTO worker_heartbeats (node_id, instance_id, beats, started_at, last_beat_at) VALUES
                ('worker-live', 'i1', 7, now() - interval '1 hour', now()),
                ('worker-gone', 'i2', 3, now() - interval '3 days', now() - interval '2 days')
            """);

        var refused = await HostCommand.RunAsync("IntegrationHub.Web", env, KeyRingStartup.ReprotectFlag);

        HostCommand.AssertOnePlainLine(refused, "IntegrationHub.Web cannot re-protect secrets: worker node(s) recorded a heartbeat within the last 14400 s: worker-live (");
        Assert.DoesNotContain("worker-gone", refused.Error);
        Assert.Contains("Stop every web and worker node first", refused.Error);
        Assert.Contains("Nothing was changed.", refused.Error);
        Assert.Equal(before, await secrets.StoredAsync());
        Assert.Equal(ringBefore, (await secrets.KeyRingAsync()).Select(e => e.ToString()));

        await world.ExecAsync("UPDATE worker_heartbeats SET last_beat_at = now() - interval '1 day'");
        var run = await HostCommand.RunAsync("IntegrationHub.Web", env, KeyRingStartup.ReprotectFlag);

        Assert.True(run.ExitCode == 0, $"{run.Output}\n{run.Error}");
        Assert.Contains("re-sealed by key-encryption key", run.Output);
        KeyRingAssert.AllSealedBy(await secrets.KeysAsync(), env["Hub__KeyRing__Key"]);
        Assert.All(await secrets.StoredAsync(), s => Assert.NotEqual(before[s.Key], s.Value));
    }
}
