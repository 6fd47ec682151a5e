using IntegrationHub.Data;
using IntegrationHub.Events;
using IntegrationHub.ProviderAccess;
using IntegrationHub.Tests.Ingest;
using IntegrationHub.Tests.World;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IntegrationHub.Tests.Feed;

/// <summary>A token refresh waiting on a slow provider must not hold back the event feed of every tenant.</summary>
public sealed class RefreshHorizonTests
{
    [Fact]
    public async Task An_event_committed_while_a_refresh_waits_on_the_provider_is_readable_before_the_refresh_ends()
    {
        await using var slow = await SlowTokenEndpoint.StartAsync();
        await using var world = await HubWorld.StartAsync(PlatformApps.Options() with
        {
            Settings = new Dictionary<string, string?>
            {
                ["Hub:Security:AllowedPrivateHosts:1"] = new Uri(slow.Url).Authority,
                ["Hub:Providers:TimeoutSeconds"] = "300", // the held refresh must outlast the test's wait, not time out
            },
        });
        slow.SimUrl = world.SimUrl;
        await world.ConnectPlatformAsync(await world.SignedUpAsync("ada@a.test", "Tenant A"), "gitlab");
        var c = await world.SingleConnectionAsync();
        await using (var point = world.Db.CreateCommand("UPDATE connections SET base_url = $2 WHERE id = $1"))
        {
            point.Parameters.Add(new() { Value = c.Id });
            point.Parameters.Add(new() { Value = slow.Url + "/gitlab" });
            await point.ExecuteNonQueryAsync();
        }

        var refresh = world.Hub.Services.GetRequiredService<TokenRefresher>().RefreshAsync(c.Id, c.AccessTokenProtected, force: true, CancellationToken.None);
        await slow.Received.WaitAsync(TimeSpan.FromSeconds(60));

        var repo = await world.SignedHookAsync(await world.TenantAsync("Another tenant"), "github", "secret");
        long id = await FeedEvents.StoreAsync(world.Db, repo, FeedEvents.New());
        bool seen = await SeenBeforeAsync(world.Db, repo.TenantId, id, refresh);

        Assert.True(seen, "the event stayed behind the horizon until the refresh ended");
        slow.Open();
        string? access = await refresh.WaitAsync(TimeSpan.FromSeconds(60));
        await using var read = world.Db.CreateCommand("SELECT status, access_token_protected FROM connections WHERE id = $1");
        read.Parameters.Add(new() { Value = c.Id });
        await using var row = await read.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());
        Assert.Equal(ConnectionStatus.Active, row.GetString(0));
        Assert.NotEqual(c.AccessTokenProtected, row.GetString(1));
        Assert.Equal(row.GetString(1), access);
    }

    /// <summary>Whether the feed shows <paramref name="id"/> while <paramref name="held"/> is still running.</summary>
    private static async Task<bool> SeenBeforeAsync(NpgsqlDataSource db, Guid tenantId, long id, Task held)
    {
        // Other tests' short transactions in the same cluster may hold the horizon back for a moment: hence a deadline.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!held.IsCompleted && DateTime.UtcNow < deadline)
        {
            var page = await FeedEvents.ReadAsync(db, tenantId, EventCursor.Start);
            if (page.Events.Any(e => e.Id == id))
            {
                return !held.IsCompleted;
            }

            await Task.Delay(50);
        }

        return false;
    }
}
