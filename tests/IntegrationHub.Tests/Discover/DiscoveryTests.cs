using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Discover;

/// <summary>Discovery over the simulator: every page, vanished repositories, rate limits, with the real worker jobs.</summary>
public sealed class DiscoveryTests
{
    [Fact]
    public async Task Discovery_walks_every_page_and_marks_vanished_repositories_gone()
    {
        await using var world = await HubWorld.StartAsync(HubWorldOptions.Workers);
        var worker = await world.StartWorkerAsync("disc-pages");
        var (id, _) = await world.ConnectAsync(worker, "github", owners: 3, reposPerOwner: 90, "/github", enqueue: false);
        // A repository the hub knew, with a hook, that the provider no longer lists.
        var vanished = Guid.NewGuid();
        await world.ExecAsync("""
            INSERT INTO repositories (id, tenant_id, connection_id, external_id, full_path, first_seen_at, last_seen_at)
            VALUES ($1, $2, $3, '999999', 'old/vanished', now() - interval '1 day', now() - interval '1 day')
            """, vanished, world.TenantId, id);
        await world.ExecAsync("""
            INSERT INTO hooks (id, tenant_id, connection_id, repository_id, provider, provider_hook_id, url, secret_protected, status, created_at, updated_at)
            VALUES ($1, $2, $3, $4, 'github', '424242', 'http://127.0.0.1:9/hooks/github/x', 'x', 'registered', now(), now())
            """, Guid.NewGuid(), world.TenantId, id, vanished);
        await world.DiscoverAsync(worker, id);

        Assert.True(await world.HooksSettledAsync(id, 270), "discovery and hook registration did not finish");
        Assert.True(await HubWorld.EventuallyAsync(async () =>
            await world.ScalarAsync<string>("SELECT status FROM hooks WHERE repository_id = $1", vanished) == "removed"));

        Assert.Equal(270L, await world.ScalarAsync<long>("SELECT count(*) FROM repositories WHERE connection_id = $1 AND status = 'active'", id));
        Assert.Equal("gone", await world.ScalarAsync<string>("SELECT status FROM repositories WHERE id = $1", vanished));
        Assert.Equal(270, await world.ScalarAsync<int>("SELECT discovered_count FROM connections WHERE id = $1", id));
        Assert.Equal(3, await world.ScalarAsync<int>("SELECT discovery_pages FROM connections WHERE id = $1", id));
        Assert.Equal(3, world.Calls.ByRoute.GetValueOrDefault("GET /github/api/v3/user/repos"));
        Assert.Equal(0L, await world.ScalarAsync<long>("SELECT count(*) FROM repositories WHERE connection_id = $1 AND default_branch IS NULL AND status = 'active'", id));
    }

    [Fact]
    public async Task Rate_limited_discovery_waits_for_the_reset_and_completes_without_spinning()
    {
        await using var world = await HubWorld.StartAsync(HubWorldOptions.Workers);
        await world.FaultAsync("github", new { rateLimit = "secondary", rateLimitStatus = 403, retryAfterSeconds = 2 });
        var worker = await world.StartWorkerAsync("disc-rate");
        var (id, _) = await world.ConnectAsync(worker, "github", owners: 2, reposPerOwner: 100, "/github");

        Assert.True(await HubWorld.EventuallyAsync(async () =>
            (await world.ScalarAsync<object>("SELECT coalesce(discovery_error, '') FROM connections WHERE id = $1", id) as string ?? "").StartsWith("Rate limited", StringComparison.Ordinal)));
        long before = world.Calls.Total;
        await Task.Delay(TimeSpan.FromSeconds(5));
        long whileLimited = world.Calls.Total - before;
        var pending = await world.ScalarAsync<string>("SELECT status FROM " + JobRows.Table + " WHERE connection_id = $1 AND kind = 'discover'", id);
        await world.FaultAsync("github", null);

        Assert.True(await world.HooksSettledAsync(id, 200), "discovery did not complete after the limit lifted");
        // Retry-After 2 s over 5 s: a handful of calls, never a spin; the item waits as pending, attempts not used up.
        Assert.InRange(whileLimited, 0, 5);
        Assert.Contains(pending, new[] { "pending", "running" });
        Assert.Equal(200L, await world.ScalarAsync<long>("SELECT count(*) FROM repositories WHERE connection_id = $1", id));
        Assert.True(await world.ScalarAsync<int>("SELECT attempts FROM " + JobRows.Table + " WHERE connection_id = $1 AND kind = 'discover'", id) <= 1);
    }

    [Fact]
    public async Task Discovery_slows_down_before_the_quota_runs_out()
    {
        await using var world = await HubWorld.StartAsync(HubWorldOptions.Workers);
        var worker = await world.StartWorkerAsync("disc-slow");
        var (id, _) = await world.ConnectAsync(worker, "github", owners: 1, reposPerOwner: 5, "/github", enqueue: false);
        // The provider's last answer said 3 calls remain until a reset in ten seconds (long enough for a loaded CI machine
        // to claim the item before it): below the reserve of 50.
        await world.ExecAsync("UPDATE connections SET rate_limit_remaining = 3, rate_limit_reset_at = now() + interval '10 seconds' WHERE id = $1", id);
        await world.DiscoverAsync(worker, id);

        Assert.True(await HubWorld.EventuallyAsync(async () =>
            (await world.ScalarAsync<object>("SELECT coalesce(discovery_error, '') FROM connections WHERE id = $1", id) as string ?? "").StartsWith("Waiting", StringComparison.Ordinal)));
        long callsWhileWaiting = world.Calls.Total;
        Assert.True(await world.HooksSettledAsync(id, 5));

        Assert.Equal(0, callsWhileWaiting);
        Assert.Equal(5L, await world.ScalarAsync<long>("SELECT count(*) FROM repositories WHERE connection_id = $1", id));
    }

    [Fact]
    public async Task Discovery_that_cannot_decrypt_its_token_ends_failed_with_the_reason()
    {
        await using var world = await HubWorld.StartAsync(HubWorldOptions.Workers);
        var worker = await world.StartWorkerAsync("disc-garbage", new() { ["Hub:Jobs:MaxAttempts"] = "2" });
        var (id, _) = await world.ConnectAsync(worker, "github", owners: 1, reposPerOwner: 2, "/github", enqueue: false);
        await world.ExecAsync("UPDATE connections SET access_token_protected = 'not-a-protected-token' WHERE id = $1", id);
        await world.DiscoverAsync(worker, id);

        Assert.True(await HubWorld.EventuallyAsync(async () =>
            await world.ScalarAsync<string>("SELECT status FROM " + JobRows.Table + " WHERE connection_id = $1 AND kind = 'discover'", id) == "failed"));
        Assert.Equal("failed", await world.ScalarAsync<string>("SELECT discovery_status FROM connections WHERE id = $1", id));
        Assert.StartsWith("Discovery stopped:", await world.ScalarAsync<string>("SELECT discovery_error FROM connections WHERE id = $1", id), StringComparison.Ordinal);
        Assert.Equal(0, world.Calls.Total);
    }
}
