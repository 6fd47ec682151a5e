using IntegrationHub.Jobs;
using IntegrationHub.Tests.Connect;
using IntegrationHub.Tests.Discover;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Hostile;

/// <summary>
/// A work item that kills every node taking it (a provider answer that crashes the process, say) is retaken while it has
/// attempts left, then given up with the reason where the tenant looks, instead of being retaken forever.
/// </summary>
public sealed class WorkerLostTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_discovery_whose_worker_dies_with_it_is_retaken_up_to_its_attempts_then_given_up_with_the_reason()
    {
        await using var world = await DiscoverWorld.StartAsync();
        var clock = new ManualClock();
        var connection = Guid.NewGuid();
        await world.ExecAsync("""
            INSERT INTO connections (id, tenant_id, provider, base_url, display_name, account_id, account_login, status, auth_kind,
                access_token_protected, created_at, updated_at)
            VALUES ($1, $2, 'github', 'http://127.0.0.1:9', 'GitHub (doomed)', $3, 'demo', 'active', 'pat', 'never-decrypted', now(), now())
            """, connection, world.TenantId, Guid.NewGuid().ToString("N"));
        var nodes = new WorkQueue(world.Db, clock);
        await nodes.EnqueueAsync(world.TenantId, connection, "discover", null);

        for (int attempt = 1; attempt <= 3; attempt++)
        {
            // A node takes the item and dies with it: nothing is recorded, the lease runs out, the next claim is the next attempt.
            var taken = Assert.Single(await nodes.ClaimAsync(["discover"], 10, Lease, $"doomed-{attempt}", 3, CancellationToken.None));
            Assert.Equal(attempt, taken.Attempts);
            clock.Advance(Lease + TimeSpan.FromSeconds(1));
        }

        Assert.Empty(await nodes.ClaimAsync(["discover"], 10, Lease, "doomed-4", 3, CancellationToken.None));

        await world.StartWorkerAsync("survivor", new() { ["Hub:Discover:MaxAttempts"] = "3", ["Hub:Discover:LeaseSeconds"] = "30" },
            services => services.AddSingleton<TimeProvider>(clock));

        Assert.True(await DiscoverWorld.EventuallyAsync(async () =>
            await world.ScalarAsync<string>("SELECT discovery_status FROM connections WHERE id = $1", connection) == "failed"), "the item was not given up");
        const string Reason = "worker lost while processing, attempt 3 of 3: given up";
        Assert.Equal("failed|3|" + Reason, await world.ScalarAsync<string>(
            "SELECT status || '|' || attempts || '|' || last_error FROM work_items WHERE connection_id = $1 AND kind = 'discover'", connection));
        Assert.Equal("Discovery stopped: " + Reason, await world.ScalarAsync<string>("SELECT discovery_error FROM connections WHERE id = $1", connection));
        Assert.Equal(0L, world.Calls.Total); // given up, not handled a fourth time
    }
}
