using IntegrationHub.Jobs;
using IntegrationHub.Tests.World;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Discover;

/// <summary>
/// A discovery asked for because something changed at the provider (a GitHub App installation's repositories) must list
/// after the change: a run already under way may have listed before it, so it does not count, while a plain request
/// (connect, "Discover now") is still one run per connection.
/// </summary>
public sealed class DiscoverAfterChangeTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_discovery_after_a_change_is_queued_behind_a_running_one_and_a_plain_request_is_not()
    {
        await using var world = await HubWorld.StartAsync(HubWorldOptions.Workers);
        var gate = ProviderCallGate.Nth(HttpMethod.Get, "/user/repos", 1);
        var node = await world.StartWorkerAsync("after-change", services: gate.AddTo);
        var (id, _) = await world.ConnectAsync(node, "github", owners: 1, reposPerOwner: 3, "/github");
        await gate.Entered.WaitAsync(Limit); // the connect's discovery runs, its first listing call on the wire
        var jobs = node.Services.GetRequiredService<JobStarter>();

        await jobs.DiscoverAsync(id, CancellationToken.None);
        Assert.Equal(1L, await DiscoveriesAsync(world, id));

        await jobs.DiscoverAfterChangeAsync(id, CancellationToken.None);
        Assert.Equal(2L, await DiscoveriesAsync(world, id));

        gate.Release();
        // Both run, one after the other (the second waits for the first's discovery lock), and both finish.
        Assert.True(await HubWorld.EventuallyAsync(async () => await world.ScalarAsync<long>(
            "SELECT count(*) FROM " + JobRows.Table + " WHERE connection_id = $1 AND kind = 'discover' AND status = 'done'", id) == 2),
            "the two discoveries did not both finish");
        Assert.Equal(2, world.Calls.ByRoute.GetValueOrDefault("GET /github/api/v3/user/repos"));
        Assert.Equal(3L, await world.ScalarAsync<long>("SELECT count(*) FROM repositories WHERE connection_id = $1 AND status = 'active'", id));
    }

    private static Task<long> DiscoveriesAsync(HubWorld world, Guid id) =>
        world.ScalarAsync<long>("SELECT count(*) FROM " + JobRows.Table + " WHERE connection_id = $1 AND kind = 'discover'", id);
}
