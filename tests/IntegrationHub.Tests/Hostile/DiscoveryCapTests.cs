using IntegrationHub.Data;
using IntegrationHub.Tests.World;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Hostile;

/// <summary>
/// A provider that lists without end is stopped by Hub:Discover:MaxPagesPerRun and MaxRepositoriesPerConnection: what
/// was found is kept, nothing is marked gone, and the tenant's Repositories page says why the list is incomplete.
/// </summary>
public sealed class DiscoveryCapTests
{
    [Fact]
    public async Task The_page_cap_stops_discovery_and_the_card_says_so()
    {
        await using var world = await HubWorld.StartAsync(HubWorldOptions.Workers);
        var worker = await world.StartWorkerAsync("cap-pages", new() { ["Hub:Discover:MaxPagesPerRun"] = "2" });
        await using var hub = new HubFactory(world.ConnectionString);
        var (browser, connection) = await TenantWithConnectionAsync(world, worker, hub, "pages", repositories: 250);
        await DiscoverAsync(world, worker, connection);

        Assert.True(await DoneAsync(world, connection), "discovery did not stop");

        const string Said = "Discovery stopped after 2 pages of repositories, the most this hub reads in one run; the 200 repositories found so far are kept, the rest were not listed.";
        Assert.Equal(Said, await world.ScalarAsync<string>("SELECT discovery_error FROM connections WHERE id = $1", connection));
        Assert.Equal(2, world.Calls.ByRoute.GetValueOrDefault("GET /github/api/v3/user/repos"));
        Assert.Equal(200L, await world.ScalarAsync<long>("SELECT count(*) FROM repositories WHERE connection_id = $1 AND status = 'active'", connection));
        string html = await browser.GetStringAsync("/repositories");
        Assert.Contains($"<p class=\"notice\" id=\"discovery-error\">{Said}</p>", html);
        Assert.Contains("id=\"discovery-status\">done", html);
    }

    [Fact]
    public async Task The_repository_cap_stops_discovery_keeps_what_fits_and_marks_nothing_gone()
    {
        await using var world = await HubWorld.StartAsync(HubWorldOptions.Workers);
        var worker = await world.StartWorkerAsync("cap-repos", new() { ["Hub:Discover:MaxRepositoriesPerConnection"] = "150" });
        await using var hub = new HubFactory(world.ConnectionString);
        var (browser, connection) = await TenantWithConnectionAsync(world, worker, hub, "repos", repositories: 250);
        // A repository an earlier, complete run found: the capped run never read far enough to know it is gone.
        await world.ExecAsync("""
            INSERT INTO repositories (id, tenant_id, connection_id, external_id, full_path, first_seen_at, last_seen_at)
            SELECT $1, tenant_id, id, '999999', 'old/beyond-the-cap', now() - interval '1 day', now() - interval '1 day' FROM connections WHERE id = $2
            """, Guid.NewGuid(), connection);
        await DiscoverAsync(world, worker, connection);

        Assert.True(await DoneAsync(world, connection), "discovery did not stop");

        const string Said = "Discovery stopped at 150 repositories, the most this hub keeps for one connection; repositories past them were not listed.";
        Assert.Equal(Said, await world.ScalarAsync<string>("SELECT discovery_error FROM connections WHERE id = $1", connection));
        // The repository held from before counts against the cap: 149 new ones fit, and the old one is not marked gone.
        Assert.Equal(149, await world.ScalarAsync<int>("SELECT discovered_count FROM connections WHERE id = $1", connection));
        Assert.Equal(150L, await world.ScalarAsync<long>("SELECT count(*) FROM repositories WHERE connection_id = $1 AND status = 'active'", connection));
        Assert.Equal("active", await world.ScalarAsync<string>("SELECT status FROM repositories WHERE connection_id = $1 AND external_id = '999999'", connection));
        Assert.Contains(Said, await browser.GetStringAsync("/repositories"));
    }

    /// <summary>
    /// A person signs up on the web host; their tenant gets a GitHub PAT connection to the simulator with
    /// <paramref name="repositories"/> repositories (watching selected ones only, so no hook work).
    /// </summary>
    private static async Task<(HttpClient Browser, Guid Connection)> TenantWithConnectionAsync(HubWorld world, WebApplication worker, HubFactory hub,
        string name, int repositories)
    {
        var browser = hub.Browser();
        string email = $"{name}-{Guid.NewGuid():N}@example.test";
        await Forms.SignUpAsync(browser, email, "Caps " + name);
        var tenant = await world.ScalarAsync<Guid>("SELECT m.tenant_id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = $1", email);
        await world.ControlAsync("seed", new { provider = "github", owners = 1, reposPerOwner = repositories });
        string token = (string)(await world.ControlAsync("tokens", new { provider = "github", scopes = Array.Empty<string>() }))["token"]!;
        var id = Guid.NewGuid();
        await world.ExecAsync("""
            INSERT INTO connections (id, tenant_id, provider, base_url, display_name, account_id, account_login, status, auth_kind,
                watch_mode, access_token_protected, created_at, updated_at)
            VALUES ($1, $2, 'github', $3, 'GitHub (sim)', $4, 'demo', 'active', 'pat', 'selected', $5, now(), now())
            """, id, tenant, world.SimUrl + "/github", Guid.NewGuid().ToString("N"), world.Protector(worker).Protect(token));
        return (browser, id);
    }

    private static async Task DiscoverAsync(HubWorld world, WebApplication worker, Guid connection) =>
        await world.DiscoverAsync(worker, connection);

    private static Task<bool> DoneAsync(HubWorld world, Guid connection) => HubWorld.EventuallyAsync(async () =>
        await world.ScalarAsync<string>("SELECT discovery_status FROM connections WHERE id = $1", connection) == "done");
}
