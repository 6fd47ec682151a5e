using System.Text.Json;
using IntegrationHub.Events;
using IntegrationHub.Tests.Ingest;
using IntegrationHub.Tests.World;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Feed;

/// <summary>
/// After a logical restore the transaction counter is behind the stored positions and feeds go silent; the hub says so.
/// A restore cannot be staged here, so an event stored "in the future" (tx far above the counter) stands for it.
/// </summary>
public sealed class TransactionCounterTests
{
    [Fact]
    public async Task A_counter_behind_the_stored_events_is_reported_at_start_and_by_healthz()
    {
        await using var world = await HubWorld.StartAsync();
        await using (var first = world.Hub) // the world's web host, stopped at the end of this block as a restart stops it
        {
            var check = first.Services.GetRequiredService<TransactionCounterCheck>();
            var repo = await world.SignedHookAsync(await world.TenantAsync("Restored"), "github", "secret");
            await FeedEvents.StoreAsync(world.Db, repo, FeedEvents.New());
            Assert.Null(await check.RunAsync(CancellationToken.None)); // a counter ahead of every stored tx is fine

            long id = await FeedEvents.StoreAsync(world.Db, repo, FeedEvents.New());
            await using var restored = world.Db.CreateCommand("UPDATE events SET tx = '9999999999'::xid8 WHERE id = $1");
            restored.Parameters.Add(new() { Value = id });
            await restored.ExecuteNonQueryAsync();
        }

        await using var second = new HubFactory(world.ConnectionString);
        var response = await second.CreateClient().GetAsync("/healthz");
        var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("degraded", health.GetProperty("status").GetString());
        Assert.Contains("transaction counter", health.GetProperty("reason").GetString());
        Assert.NotNull(second.Services.GetRequiredService<TransactionCounterCheck>().Problem);
    }
}
