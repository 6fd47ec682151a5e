using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.GitHubApp;

/// <summary>An app connection calls GitHub as its installation: the installation's repositories, no repository hooks, writes by the app's bot.</summary>
public sealed class AppConnectionTests
{
    [Fact]
    public async Task An_app_connection_discovers_the_installations_repositories_registers_no_hook_and_comments_as_the_app()
    {
        var app = KnownGitHubApp.New();
        await using var world = await HubWorld.StartAsync(app.Options());
        await world.ControlAsync("seed", new { provider = "github", ownerNames = new[] { "acme1" }, reposPerOwner = 3 });
        await app.RegisterAsync(world);
        long installation = await app.InstallAsync(world, "acme1", "acme1/repo1", "acme1/repo2");
        var connection = await app.ConnectionAsync(world, installation, "acme1");
        var worker = await world.StartWorkerAsync("app-1", app.Settings(world.SimUrl));

        await world.DiscoverAsync(worker, connection);

        // The audit line is written after the listing ends and the hooks are planned.
        const string Completed = "SELECT detail FROM audit_log WHERE action = 'discovery.completed' AND tenant_id = $1";
        Assert.True(await HubWorld.EventuallyAsync(async () => await world.TextAsync(Completed, world.TenantId) is not null), "discovery did not finish");
        Assert.Equal(["acme1/repo1", "acme1/repo2"], await world.QueryAsync("SELECT full_path FROM repositories WHERE connection_id = $1 ORDER BY full_path", connection));
        // The app webhook hears the installation's repositories: discovery plans no hook and the simulator holds none.
        Assert.Contains("0 hooks to register", await world.TextAsync(Completed, world.TenantId));
        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM hooks WHERE connection_id = $1", connection));
        Assert.Empty(await world.SimHooksAsync("github"));

        int issue = (int)(await world.ControlAsync("events/issue-open", new { provider = "github", repo = "acme1/repo1", title = "Bug" }))["number"]!;
        Guid repository = Guid.Parse((await world.QueryAsync("SELECT id::text FROM repositories WHERE connection_id = $1 AND full_path = 'acme1/repo1'", connection)).Single());
        using var client = ApiKeys.Client(world.Hub, await ApiKeys.CreateAsync(world.Hub.Services, world.TenantId, "app-bot"));
        using var posted = await client.PostAsJsonAsync($"/api/v1/repositories/{repository}/comments", new { target = "issue", number = issue, body = "From the app" });
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());

        var comments = (JsonArray)JsonNode.Parse(await world.Sim.GetStringAsync("/_sim/comments?provider=github&repo=acme1%2Frepo1"))!;
        var comment = Assert.Single(comments)!;
        Assert.Equal("From the app", (string)comment["body"]!);
        Assert.Equal(app.BotLogin, (string)comment["author"]!); // written with the installation's ghs_ token
    }

    [Fact]
    public async Task The_pages_show_an_app_connection_as_polled_and_discovered_not_as_one_without_a_token()
    {
        var app = KnownGitHubApp.New();
        await using var world = await HubWorld.StartAsync(app.Options());
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");
        Guid tenant = Guid.Parse((await world.TextAsync("SELECT id::text FROM tenants WHERE name = 'Tenant A'"))!);
        var connection = await world.AppConnectionAsync(tenant, 41, "acme1");

        string integrations = await browser.GetStringAsync("/integrations");
        string home = await browser.GetStringAsync("/");
        string repositories = await browser.GetStringAsync($"/repositories?connection={connection}");

        // An app connection holds no token of its own, yet discovery and the poll run for it (installation tokens).
        Assert.Contains("acme1", integrations);
        Assert.DoesNotContain("no token was given", integrations);
        Assert.Contains("id=\"connection-health\"", home); // the home page's per-connection table, with this connection in it
        Assert.Contains("acme1", home);
        Assert.DoesNotContain("data-poll-off=\"no-token\"", home);
        Assert.DoesNotContain("id=\"no-token\"", repositories);
        Assert.Contains("id=\"discovery-status\">pending", repositories);
    }
}
