using System.Diagnostics;
using System.Net;
using IntegrationHub.Tests.World;
using Npgsql;

namespace IntegrationHub.Tests.Ingest;

/// <summary>
/// Deliveries verified at the same moment are committed together (the ingress's group commit): each is still stored once,
/// answered as new or duplicate exactly as one at a time, and counted on its hook as before.
/// </summary>
public sealed class GroupCommitTests
{
    [Fact]
    public async Task Deliveries_arriving_together_are_each_stored_once_and_their_copies_answered_as_duplicates()
    {
        await using var world = await HubWorld.StartAsync();
        var tenant = await world.TenantAsync("Together");
        var first = await world.SignedHookAsync(tenant, "github", SignedDeliveries.NewSecret(Scheme.GitHub));
        var second = await world.SignedHookAsync(tenant, "gitlab", SignedDeliveries.NewSecret(Scheme.GitLabToken), repositoryPath: "acme/gadgets");
        var client = world.Hub.CreateClient();
        // 30 distinct deliveries per hook, each sent three times at once; the same ids on both hooks are different deliveries.
        var ids = Enumerable.Range(0, 30).Select(_ => Guid.NewGuid().ToString()).ToArray();
        var sends = ids.SelectMany(id => new[] { (first, Scheme.GitHub, id), (second, Scheme.GitLabToken, id) })
            .SelectMany(s => Enumerable.Repeat(s, 3))
            .Select(async s => (s.Item1.Id, s.id, (await client.SendAsync(Push(s.Item2, s.Item1, s.id))).StatusCode));

        var answers = await Task.WhenAll(sends);

        foreach (var group in answers.GroupBy(a => (a.Item1, a.id)))
        {
            var codes = group.Select(a => a.StatusCode).Order().ToArray();
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Accepted], codes);
        }

        Assert.Equal(60L, await world.ScalarAsync<long>("SELECT count(*) FROM deliveries"));
        Assert.Equal(0L, await world.ScalarAsync<long>(
            "SELECT count(*) FROM (SELECT hook_id, delivery_id FROM deliveries GROUP BY 1, 2 HAVING count(*) > 1) d"));
        foreach (var hook in new[] { first, second })
        {
            Assert.Equal(60L, await world.ScalarAsync<long>("SELECT duplicate_count FROM hooks WHERE id = $1", hook.Id));
            Assert.Equal(30L, await world.ScalarAsync<long>("SELECT count(*) FROM deliveries WHERE hook_id = $1 AND tenant_id = $2", hook.Id, tenant));
        }
    }

    [Fact]
    public async Task A_ping_in_a_batch_is_stored_as_handled_and_counted_on_its_hook()
    {
        await using var world = await HubWorld.StartAsync();
        var tenant = await world.TenantAsync("Ping");
        var hook = await world.SignedHookAsync(tenant, "github", SignedDeliveries.NewSecret(Scheme.GitHub));
        var client = world.Hub.CreateClient();
        string pingId = Guid.NewGuid().ToString();
        var sends = Enumerable.Range(0, 10).Select(_ => client.SendAsync(Push(Scheme.GitHub, hook, Guid.NewGuid().ToString())))
            .Append(client.SendAsync(SignedDeliveries.Create(Scheme.GitHub, hook, IngestFixtures.Bytes("github/ping.json"), "ping", pingId)));

        var answers = await Task.WhenAll(sends);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        Assert.Equal("pong\n", await answers[^1].Content.ReadAsStringAsync());
        Assert.Equal("ignored", await world.TextAsync("SELECT status FROM deliveries WHERE delivery_id = $1", pingId));
        Assert.Equal(10L, await world.ScalarAsync<long>("SELECT count(*) FROM deliveries WHERE status = 'pending'"));
        // The ping is counted at once; the pushes when the worker first claims them (no worker runs here).
        Assert.Equal(1L, await world.ScalarAsync<long>("SELECT accepted_count FROM hooks WHERE id = $1", hook.Id));
        Assert.NotNull(await world.TextAsync("SELECT last_ping_at::text FROM hooks WHERE id = $1", hook.Id));
    }

    [Fact]
    public async Task A_burst_of_deliveries_is_written_in_fewer_insert_statements_than_deliveries()
    {
        await using var world = await HubWorld.StartAsync();
        var tenant = await world.TenantAsync("Burst");
        var hook = await world.SignedHookAsync(tenant, "gitlab", SignedDeliveries.NewSecret(Scheme.GitLabToken));
        var client = world.Hub.CreateClient();
        await client.SendAsync(Push(Scheme.GitLabToken, hook, Guid.NewGuid().ToString())); // warm: the statement prepared, the hook known
        string database = new NpgsqlConnectionStringBuilder(world.ConnectionString).Database!;
        int inserts = 0;
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                // Other tests run at the same time on their own databases: count this world's inserts of deliveries only.
                if ((string?)a.GetTagItem("db.namespace") == database
                    && a.GetTagItem("db.query.text") is string sql && sql.Contains("INSERT INTO deliveries", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref inserts);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        var answers = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => client.SendAsync(Push(Scheme.GitLabToken, hook, Guid.NewGuid().ToString()))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        Assert.Equal(65L, await world.ScalarAsync<long>("SELECT count(*) FROM deliveries WHERE hook_id = $1", hook.Id));
        Assert.InRange(Volatile.Read(ref inserts), 1, 63); // each answered after its commit, yet some commits held several
    }

    private static HttpRequestMessage Push(Scheme scheme, TestHook hook, string deliveryId)
    {
        var (fixture, eventName) = SignedDeliveries.Push(scheme);
        return SignedDeliveries.Create(scheme, hook, IngestFixtures.Bytes(fixture), eventName, deliveryId);
    }
}
