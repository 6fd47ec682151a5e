using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Providers.Events;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Poll;

/// <summary>
/// Every delivery is dropped (no ingress is needed): whatever ends up stored was found by the poll, and its natural keys
/// must be exactly the ones the webhook normalizers give the dropped deliveries.
/// </summary>
public sealed class PollRecoveryTests
{
    [Theory]
    [InlineData("github")]
    [InlineData("gitlab")]
    [InlineData("bitbucket-cloud")]
    [InlineData("bitbucket-dc")]
    [InlineData("azure-devops")]
    public async Task Poll_recovers_every_dropped_delivery_with_the_webhook_natural_keys(string provider)
    {
        await using var world = await HubWorld.StartAsync(PollSim.Options());
        var poll = new PollSim(world);
        SimRepo repo = await poll.AddRepositoryAsync(provider, "svc");
        await world.FaultAsync(provider, new { dropDeliveries = 1.0 });
        await poll.CycleAsync(); // the first look records where things stand

        await PollScript.PhaseOneAsync(world, repo);
        await world.SimDeliveriesIdleAsync();
        await poll.MakeDueAsync();
        await poll.CycleAsync();
        await PollScript.PhaseTwoAsync(world, repo);
        await world.SimDeliveriesIdleAsync();
        await poll.MakeDueAsync();
        await poll.CycleAsync();
        await poll.MakeDueAsync();
        await poll.CycleAsync();

        HashSet<string> expected = await PollScript.WebhookKeysAsync(world, repo);
        var stored = await world.QueryAsync("SELECT natural_key, source, kind, payload::text FROM events WHERE repository_id = $1",
            r => (Key: r.GetString(0), Source: r.GetString(1), Kind: r.GetString(2), Payload: r.GetString(3)), repo.RepositoryId);
        var storedKeys = stored.Select(e => e.Key).ToHashSet();
        Assert.NotEmpty(expected);
        var polls = await world.QueryAsync("SELECT coalesce(last_outcome, '') || ' ' || coalesce(last_error, '') FROM poll_state", r => r.GetString(0));
        var cursors = await world.QueryAsync("SELECT stream || '=' || coalesce(cursor, '') FROM poll_cursors", r => r.GetString(0));
        Assert.True(!expected.Except(storedKeys).Any(), $"missing {string.Join(", ", expected.Except(storedKeys))}; polls: {string.Join("; ", polls)}; cursors: {string.Join("; ", cursors)}");
        Assert.All(stored, e => Assert.Equal("poll", e.Source));
        Assert.All(stored, e => Assert.True(expected.Contains(e.Key), $"poll-only event {e.Key} ({e.Kind}) no delivery carried"));
        long recovered = (await world.QueryAsync("SELECT recovered_by_poll_count FROM hooks WHERE id = $1", r => r.GetInt64(0), repo.HookId)).Single();
        Assert.Equal(stored.Count, recovered);
    }
}
