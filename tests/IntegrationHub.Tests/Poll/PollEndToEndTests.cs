using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Providers;
using IntegrationHub.Providers.Events;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Poll;

/// <summary>
/// The whole loop over real HTTP: the simulator delivers webhooks to the hub's web host on a real port (ingest processing
/// and the poll both running on short intervals) while dropping, doubling or delaying some of them; every event the
/// simulator told about must end up stored exactly once, whichever of the two paths found it.
/// </summary>
public sealed class PollEndToEndTests
{
    private static readonly string[] Providers = ["github", "gitlab", "bitbucket-cloud", "bitbucket-dc", "azure-devops"];

    [Fact]
    public async Task Poll_recovers_deliveries_dropped_by_the_simulator_exactly_once()
    {
        await using var world = await HubWorld.StartAsync(PollWebNode.Options);
        var hub = await PollWebNode.StartAsync(world);
        List<SimRepo> repos = await SetUpAsync(world, hub, new { dropDeliveries = 0.3 });
        await RunBurstAsync(world, hub, repos);

        foreach (SimRepo repo in repos)
        {
            var (delivered, dropped) = await KeysAsync(hub, repo);
            var expected = delivered.Union(dropped).ToHashSet();
            var stored = await WaitForKeysAsync(world, repo, expected);
            Assert.NotEmpty(dropped.Except(delivered));
            Assert.True(expected.SetEquals(stored.Keys), $"{repo.Provider}: missing {string.Join(", ", expected.Except(stored.Keys))}; unexpected {string.Join(", ", stored.Keys.Except(expected))}");
            Assert.All(dropped.Except(delivered), k => Assert.True(stored[k] == "poll", $"{repo.Provider}: dropped {k} stored with source {stored[k]}"));
            Assert.All(delivered, k => Assert.Contains(stored[k], new[] { "webhook", "poll" }));
        }

        long viaWebhook = (await world.QueryAsync("SELECT count(*) FROM events WHERE source = 'webhook'", r => r.GetInt64(0))).Single();
        Assert.True(viaWebhook > 0, "no event arrived by webhook: the ingress path was not exercised");
    }

    [Fact]
    public async Task Duplicated_and_late_deliveries_create_no_duplicates()
    {
        await using var world = await HubWorld.StartAsync(PollWebNode.Options);
        var hub = await PollWebNode.StartAsync(world);
        // Every delivery is sent twice, and only after more than a poll interval: the poll usually finds the events first.
        List<SimRepo> repos = await SetUpAsync(world, hub, new { deliverTwice = true, delayDeliveriesMs = (PollWebNode.IntervalSeconds + 2) * 1000 });
        await RunBurstAsync(world, hub, repos);

        foreach (SimRepo repo in repos)
        {
            var (delivered, _) = await KeysAsync(hub, repo);
            var stored = await WaitForKeysAsync(world, repo, delivered);
            Assert.True(delivered.SetEquals(stored.Keys), $"{repo.Provider}: missing {string.Join(", ", delivered.Except(stored.Keys))}; unexpected {string.Join(", ", stored.Keys.Except(delivered))}");
            long rows = (await world.QueryAsync("SELECT count(*) FROM events WHERE repository_id = $1", r => r.GetInt64(0), repo.RepositoryId)).Single();
            Assert.Equal(stored.Count, rows);

            var eventDeliveries = (await hub.DeliveriesToHubAsync(repo.Provider)).Where(d => (long)d["eventId"]! != 0).ToList();
            Assert.NotEmpty(eventDeliveries);
            Assert.All(eventDeliveries, d => Assert.Contains(200, d["attempts"]!.AsArray().Select(a => (int?)a!["statusCode"])));
            long duplicates = (await world.QueryAsync("SELECT duplicate_count FROM hooks WHERE id = $1", r => r.GetInt64(0), repo.HookId)).Single();
            Assert.True(duplicates >= eventDeliveries.Count, $"{repo.Provider}: {duplicates} duplicates counted for {eventDeliveries.Count} doubled deliveries");
        }
    }

    private static async Task<List<SimRepo>> SetUpAsync(HubWorld world, PollWebNode hub, object fault)
    {
        var repos = new List<SimRepo>();
        foreach (string provider in Providers)
        {
            repos.Add(await hub.AddRepositoryAsync(provider, "svc"));
            await world.FaultAsync(provider, fault);
        }

        // The first look records where things stand; only what happens after it is the poll's to recover.
        await hub.WaitForPollsAfterAsync(DateTimeOffset.UnixEpoch, repos.Count);
        return repos;
    }

    /// <summary>The script's two phases on every repository, with a poll of each in between (Bitbucket keeps no push log).</summary>
    private static async Task RunBurstAsync(HubWorld world, PollWebNode hub, List<SimRepo> repos)
    {
        foreach (SimRepo repo in repos)
        {
            await PollScript.PhaseOneAsync(world, repo);
        }

        DateTimeOffset between = await hub.DbNowAsync();
        await hub.WaitForPollsAfterAsync(between, repos.Count);
        foreach (SimRepo repo in repos)
        {
            await PollScript.PhaseTwoAsync(world, repo);
        }

        await world.SimDeliveriesIdleAsync();
    }

    /// <summary>The natural keys of the simulator's deliveries to this repository's hub hook: sent ones, and dropped ones.</summary>
    private static async Task<(HashSet<string> Delivered, HashSet<string> Dropped)> KeysAsync(PollWebNode hub, SimRepo repo)
    {
        var normalizer = ProviderCatalog.For(repo.Kind).Normalizer;
        var delivered = new HashSet<string>(StringComparer.Ordinal);
        var dropped = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonNode d in await hub.DeliveriesToHubAsync(repo.Provider))
        {
            var result = normalizer.Normalize((string?)d["event"], Encoding.UTF8.GetBytes((string)d["body"]!), DateTimeOffset.UtcNow);
            ((string?)d["skipped"] is null ? delivered : dropped).UnionWith(result.Events.Select(e => e.NaturalKey));
        }

        return (delivered, dropped);
    }

    /// <summary>Waits (generously: content is asserted, not time) until every expected key is stored; returns key → source.</summary>
    private static async Task<Dictionary<string, string>> WaitForKeysAsync(HubWorld world, SimRepo repo, HashSet<string> expected)
    {
        Dictionary<string, string> stored = [];
        for (var deadline = DateTimeOffset.UtcNow.AddSeconds(60); DateTimeOffset.UtcNow < deadline; await Task.Delay(500))
        {
            stored = (await world.QueryAsync("SELECT natural_key, source FROM events WHERE repository_id = $1",
                r => (Key: r.GetString(0), Source: r.GetString(1)), repo.RepositoryId)).ToDictionary(e => e.Key, e => e.Source, StringComparer.Ordinal);
            bool pending = (await world.QueryAsync("SELECT count(*) FROM deliveries WHERE hook_id = $1 AND status IN ('pending', 'processing')",
                r => r.GetInt64(0), repo.HookId)).Single() > 0;
            if (!pending && expected.IsSubsetOf(stored.Keys))
            {
                break;
            }
        }

        return stored;
    }
}
