using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Providers;
using IntegrationHub.Providers.Events;
using IntegrationHub.Tests.World;
using IntegrationHub.Transport;
using Npgsql;

namespace IntegrationHub.Tests.ScaleOut;

/// <summary>
/// The poll runs on both worker processes (a Hangfire background process each, claiming repositories with SKIP LOCKED
/// and a lease). Every webhook is dropped, so whatever is stored was found by the poll; one node is killed while it
/// holds repositories, and the other polls them once the lease runs out: every dropped event stored, none twice.
/// </summary>
public sealed class PollNodeKillTests
{
    private const int Repositories = 24;

    [Fact]
    public async Task A_node_killed_mid_poll_leaves_its_repositories_to_the_other_node_and_no_event_is_lost_or_stored_twice()
    {
        await using var w = await ScaleOutNodes.StartAsync(new()
        {
            ["Hub__Poll__IntervalSeconds"] = "4",
            ["Hub__Poll__JobSeconds"] = "1",
            ["Hub__Poll__BatchSize"] = "3",
            ["Hub__Poll__LeaseSeconds"] = "8",
        });
        await w.StartNodeAsync("node-a");
        await w.StartNodeAsync("node-b");
        var id = await w.ConnectAndDiscoverAsync(owners: 1, reposPerOwner: Repositories);
        Assert.True(await w.World.HooksSettledAsync(id, Repositories, seconds: 180), "hooks not registered\n" + w.Output());
        // The first look at a repository records where it stands; what happens after it is what the poll must find.
        Assert.True(await HubWorld.EventuallyAsync(async () => await w.World.ScalarAsync<long>(
            "SELECT count(*) FROM poll_state WHERE connection_id = $1 AND last_polled_at IS NOT NULL", id) == Repositories), w.Output());

        await w.World.FaultAsync("github", new { dropDeliveries = 1.0 });
        foreach (string path in await PathsAsync(w.World, id))
        {
            await w.World.ControlAsync("events/push", new { provider = "github", repo = path, branch = "feature-a", commits = 2 });
        }

        // Slow answers keep each poll in flight for a while: kill the node that holds repositories now.
        await w.World.FaultAsync("github", new { dropDeliveries = 1.0, latencyMs = 300 });
        string? victim = null;
        Assert.True(await HubWorld.EventuallyAsync(async () => (victim = await w.World.ScalarAsync<string?>(
            "SELECT leased_by FROM poll_state WHERE connection_id = $1 AND lease_until > now() ORDER BY lease_until DESC LIMIT 1", id)) is not null),
            "no poll under way\n" + w.Output());
        await w.KillAsync(victim!);
        await w.World.FaultAsync("github", new { dropDeliveries = 1.0 });

        await w.World.Sim.PostAsync("/_sim/deliveries/wait?timeoutMs=20000", null); // every push has made (and dropped) its delivery
        var expected = await DroppedKeysAsync(w.World);
        Assert.NotEmpty(expected);
        Assert.True(await HubWorld.EventuallyAsync(async () => expected.IsSubsetOf(await StoredKeysAsync(w.World, id)), seconds: 120),
            $"events missing after {victim} was killed\n" + w.Output());
        var stored = await StoredKeysAsync(w.World, id);
        Assert.Equal(expected.Count, stored.Count); // nothing the poll should not have found, and each key once
        Assert.Equal((long)stored.Count, await w.World.ScalarAsync<long>("SELECT count(*) FROM events WHERE source = 'poll'"));
        // Counted once per stored event: a repository polled again after the kill does not count its events twice.
        Assert.Equal((long)stored.Count, await w.World.ScalarAsync<long>(
            "SELECT coalesce(sum(recovered_by_poll_count), 0)::bigint FROM hooks WHERE connection_id = $1", id));
    }

    private static async Task<List<string>> PathsAsync(HubWorld world, Guid connectionId)
    {
        await using var cmd = world.Db.CreateCommand("SELECT full_path FROM repositories WHERE connection_id = $1 ORDER BY full_path");
        cmd.Parameters.Add(new NpgsqlParameter { Value = connectionId });
        await using var reader = await cmd.ExecuteReaderAsync();
        var paths = new List<string>();
        while (await reader.ReadAsync())
        {
            paths.Add(reader.GetString(0));
        }

        return paths;
    }

    private static async Task<HashSet<string>> StoredKeysAsync(HubWorld world, Guid connectionId)
    {
        await using var cmd = world.Db.CreateCommand("""
            SELECT e.natural_key FROM events e JOIN repositories r ON r.id = e.repository_id WHERE r.connection_id = $1
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = connectionId });
        await using var reader = await cmd.ExecuteReaderAsync();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            Assert.True(keys.Add(reader.GetString(0)), $"event {reader.GetString(0)} stored twice");
        }

        return keys;
    }

    /// <summary>The natural keys the hub's webhook normalizer gives every delivery the simulator made (all dropped).</summary>
    private static async Task<HashSet<string>> DroppedKeysAsync(HubWorld world)
    {
        var deliveries = await world.Sim.GetFromJsonAsync<JsonArray>("/_sim/deliveries?provider=github&body=true");
        var normalizer = ProviderCatalog.For(ProviderKind.GitHub).Normalizer;
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonNode? d in deliveries!)
        {
            var result = normalizer.Normalize((string?)d!["event"], Encoding.UTF8.GetBytes((string)d["body"]!), DateTimeOffset.UtcNow);
            keys.UnionWith(result.Events.Select(e => e.NaturalKey));
        }

        return keys;
    }
}
