using IntegrationHub.Tests.World;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Hostile;

/// <summary>
/// A tenant points a GitHub Enterprise connection at a hostile server: real worker nodes must fail the call with a plain
/// reason on the connection's card, never hold the worker or its memory.
/// </summary>
public sealed class HostileProviderTests
{
    [Fact]
    public async Task An_oversized_answer_fails_discovery_with_the_plain_reason_and_is_not_read_past_the_cap()
    {
        await using var hostile = await HostileProvider.StartAsync(HostileMode.Oversize);
        await using var world = await HubWorld.StartAsync(HubWorldOptions.Workers);
        var worker = await world.StartWorkerAsync("hostile-1", Settings(hostile, ("Hub:Providers:MaxResponseBytes", "1048576")));
        var connection = await ConnectAsync(world, worker, hostile);

        Assert.True(await FailedAsync(world, connection), "discovery did not fail");

        Assert.Equal("github: GET /api/v3/user/repos: the provider's answer was over the 1 MiB limit; it was not read further",
            await world.ScalarAsync<string>("SELECT discovery_error FROM connections WHERE id = $1", connection));
        // The server offers a gibibyte: the reason above is only written when the read stopped at the cap (a full read
        // would fail as unparseable JSON instead). How many bytes were read is measured where it can be, in the
        // providers library's ResponseBoundsTests; here Kestrel keeps accepting writes for a while after the hub hung
        // up, so the server's own count says more about the machine's load than about the hub.
        Assert.Equal(0L, await world.ScalarAsync<long>("SELECT count(*) FROM repositories WHERE connection_id = $1", connection));
    }

    [Theory]
    [InlineData(HostileMode.Stall)]
    [InlineData(HostileMode.Trickle)]
    public async Task A_provider_that_never_finishes_answering_times_out_with_the_plain_reason(HostileMode mode)
    {
        await using var hostile = await HostileProvider.StartAsync(mode);
        await using var world = await HubWorld.StartAsync(HubWorldOptions.Workers);
        var worker = await world.StartWorkerAsync("hostile-1", Settings(hostile, ("Hub:Providers:TimeoutSeconds", "2")));
        var connection = await ConnectAsync(world, worker, hostile);

        Assert.True(await FailedAsync(world, connection), "discovery did not fail");

        Assert.StartsWith("github: GET /api/v3/user/repos: no answer within 2 s",
            await world.ScalarAsync<string>("SELECT discovery_error FROM connections WHERE id = $1", connection), StringComparison.Ordinal);
        // The card is written by the job, its Hangfire state just after: wait for the second.
        Assert.True(await HubWorld.EventuallyAsync(async () =>
            await world.ScalarAsync<string>("SELECT status FROM " + JobRows.Table + " WHERE connection_id = $1 AND kind = 'discover'", connection) == "failed"));
    }

    [Fact]
    public async Task A_provider_listing_new_repositories_on_every_run_never_leaves_more_than_the_repository_cap()
    {
        await using var hostile = await HostileProvider.StartAsync(HostileMode.Shifting);
        await using var world = await HubWorld.StartAsync(HubWorldOptions.Workers);
        var worker = await world.StartWorkerAsync("hostile-1", Settings(hostile, ("Hub:Discover:MaxRepositoriesPerConnection", "150")));
        var connection = await ConnectAsync(world, worker, hostile);
        Assert.True(await RunsDoneAsync(world, connection, 1), "the first discovery did not end");

        await world.DiscoverAsync(worker, connection);
        Assert.True(await RunsDoneAsync(world, connection, 2), "the second discovery did not end");

        // Both runs stopped at the cap, so neither marked anything gone: the second run's new repositories had no room.
        Assert.Equal(150L, await world.ScalarAsync<long>("SELECT count(*) FROM repositories WHERE connection_id = $1", connection));
        Assert.Equal(150L, await world.ScalarAsync<long>("SELECT count(*) FROM repositories WHERE connection_id = $1 AND status = 'active'", connection));
        Assert.Equal("Discovery stopped at 150 repositories, the most this hub keeps for one connection; repositories past them were not listed.",
            await world.ScalarAsync<string>("SELECT discovery_error FROM connections WHERE id = $1", connection));
    }

    private static Dictionary<string, string?> Settings(HostileProvider hostile, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Hub:Security:AllowedPrivateHosts:1"] = new Uri(hostile.Url).Authority, // the hostile server listens on loopback
            ["Hub:Jobs:MaxAttempts"] = "1", // a timeout is transient: with one attempt the card shows it at once
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>
    /// A GitHub Enterprise connection at the hostile server's address watching selected repositories only (no hook work),
    /// discovery queued as connect would.
    /// </summary>
    private static async Task<Guid> ConnectAsync(HubWorld world, WebApplication worker, HostileProvider hostile)
    {
        var id = Guid.NewGuid();
        await world.ExecAsync("""
            INSERT INTO connections (id, tenant_id, provider, base_url, display_name, account_id, account_login, status, auth_kind,
                watch_mode, access_token_protected, created_at, updated_at)
            VALUES ($1, $2, 'github', $3, 'GitHub Enterprise (hostile)', $4, 'demo', 'active', 'pat', 'selected', $5, now(), now())
            """, id, world.TenantId, hostile.Url, Guid.NewGuid().ToString("N"), world.Protector(worker).Protect("ghp_hostile"));
        await world.DiscoverAsync(worker, id);
        return id;
    }

    private static Task<bool> RunsDoneAsync(HubWorld world, Guid connection, long runs) => HubWorld.EventuallyAsync(async () =>
        await world.ScalarAsync<long>("SELECT count(*) FROM " + JobRows.Table + " WHERE connection_id = $1 AND kind = 'discover' AND status = 'done'", connection) == runs);

    private static Task<bool> FailedAsync(HubWorld world, Guid connection) => HubWorld.EventuallyAsync(async () =>
        await world.ScalarAsync<string>("SELECT discovery_status FROM connections WHERE id = $1", connection) == "failed");
}
