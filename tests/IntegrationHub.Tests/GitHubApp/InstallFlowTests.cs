using System.Net;
using IntegrationHub.Data;
using IntegrationHub.Tests.World;
using Microsoft.AspNetCore.WebUtilities;

namespace IntegrationHub.Tests.GitHubApp;

/// <summary>"Install the GitHub App" through the simulator's installation page, and the installations it refuses to attach.</summary>
public sealed class InstallFlowTests
{
    private const string Setup = PlatformApps.HubUrl + "/connect/github-app/setup";

    private static async Task<(HubWorld World, KnownGitHubApp App)> StartAsync()
    {
        var app = KnownGitHubApp.New();
        var world = await HubWorld.StartAsync(app.Options());
        await world.ControlAsync("seed", new { provider = "github", ownerNames = new[] { "acme1" }, reposPerOwner = 3 });
        await app.RegisterAsync(world, Setup, requestOAuthOnInstall: true);
        return (world, app);
    }

    [Fact]
    public async Task Installing_on_two_repositories_connects_the_installation_and_queues_its_discovery()
    {
        var (world, app) = await StartAsync();
        await using var _ = world;
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");
        Assert.Contains("Install the GitHub App", await browser.GetStringAsync("/integrations"));

        var back = await InstallThroughPage.InstallAsync(world, browser, "acme1", "acme1/repo1", "acme1/repo2");
        var query = QueryHelpers.ParseQuery(back.Query);
        Assert.Equal(("install", false), (query["setup_action"].ToString(), string.IsNullOrEmpty(query["code"])));
        string next = await InstallThroughPage.ReturnAsync(browser, back);

        Assert.StartsWith("/integrations?connected=", next);
        var c = await world.SingleConnectionAsync();
        Assert.Equal((ConnectionStatus.Active, AuthKinds.GitHubApp, "acme1", long.Parse(query["installation_id"]!, System.Globalization.CultureInfo.InvariantCulture)),
            (c.Status, c.AuthKind, c.AccountLogin, c.GitHubInstallationId!.Value));
        Assert.Null(c.GitHubAppId); // the platform app
        Assert.Null(c.AccessTokenProtected); // the person's user token was only a proof, never kept
        Assert.Equal(1, await world.CountAsync("SELECT count(*) FROM " + JobRows.Table + " WHERE connection_id = $1 AND kind = 'discover'", c.Id));
        Assert.Contains("connection.connected", await world.AuditActionsAsync());
        string page = WebUtility.HtmlDecode(await browser.GetStringAsync(next));
        Assert.Contains("Connected.", page);
        Assert.Contains("GitHub App · acme1", page);
    }

    [Fact]
    public async Task An_installation_id_of_someone_elses_installation_is_refused_and_nothing_is_stored()
    {
        var (world, app) = await StartAsync();
        await using var _ = world;
        await world.ControlAsync("users", new { provider = "github", login = "mallory" });
        long theirs = await app.InstallAsync(world, "mallory");
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");

        var back = await InstallThroughPage.InstallAsync(world, browser, "acme1", "acme1/repo1");
        string next = await InstallThroughPage.ReturnAsync(browser, InstallThroughPage.WithInstallation(back, theirs));

        Assert.Equal("/integrations?error=github_app_not_yours&provider=github", next);
        Assert.Empty(await world.ConnectionsAsync());
        Assert.Contains("connection.connect_refused", await world.AuditActionsAsync());
        Assert.Contains("not one you can administer", WebUtility.HtmlDecode(await browser.GetStringAsync(next)));
    }

    [Fact]
    public async Task A_collaborator_who_reaches_an_organizations_installation_but_does_not_own_it_cannot_attach_it()
    {
        var (world, app) = await StartAsync();
        await using var _ = world;
        long organizations = await app.InstallAsync(world, "acme1", "acme1/repo1");
        // carol can read acme1/repo1, so GitHub lists acme1's installation among hers; she owns only her own account.
        await world.ControlAsync("repos", new { provider = "github", owner = "acme1", name = "repo1", visibleTo = new[] { "carol" } });
        var browser = await world.SignedUpAsync("carol@c.test", "Tenant C");

        var back = await InstallThroughPage.InstallAsAsync(world, browser, "carol", "carol");
        string next = await InstallThroughPage.ReturnAsync(browser, InstallThroughPage.WithInstallation(back, organizations));

        Assert.Equal("/integrations?error=github_app_not_yours&provider=github", next);
        Assert.Empty(await world.ConnectionsAsync());
    }

    [Fact]
    public async Task A_request_to_the_accounts_owner_connects_nothing_and_says_what_happens_next()
    {
        var (world, _) = await StartAsync();
        await using var _ = world;
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");
        var back = await InstallThroughPage.InstallAsync(world, browser, "acme1", "acme1/repo1");
        // What GitHub sends when the person could only request the installation: no installation_id, setup_action=request.
        var request = new Uri(QueryHelpers.AddQueryString(back.GetLeftPart(UriPartial.Path), QueryHelpers.ParseQuery(back.Query)
            .Where(p => p.Key != "installation_id").Select(p => new KeyValuePair<string, string?>(p.Key, p.Key == "setup_action" ? "request" : p.Value.ToString()))));

        string next = await InstallThroughPage.ReturnAsync(browser, request);

        Assert.Equal("/integrations?error=github_app_requested&provider=github", next);
        Assert.Empty(await world.ConnectionsAsync());
        Assert.Contains("sent your request to install the app to the account's owner", WebUtility.HtmlDecode(await browser.GetStringAsync(next)));
    }

    [Fact]
    public async Task A_replayed_return_from_GitHub_is_refused()
    {
        var (world, _) = await StartAsync();
        await using var __ = world;
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");
        var back = await InstallThroughPage.InstallAsync(world, browser, "acme1", "acme1/repo1");
        Assert.StartsWith("/integrations?connected=", await InstallThroughPage.ReturnAsync(browser, back));
        var first = await world.SingleConnectionAsync();
        await world.ExecAsync("UPDATE connections SET status = 'disconnected' WHERE id = $1", first.Id);

        string again = await InstallThroughPage.ReturnAsync(browser, back);

        Assert.StartsWith("/integrations?error=state_", again); // the cookie went with the first use, and the flow's row too
        Assert.Equal(ConnectionStatus.Disconnected, (await world.SingleConnectionAsync()).Status);
    }

    [Fact]
    public async Task Two_tenants_cannot_both_attach_one_installation()
    {
        var (world, _) = await StartAsync();
        await using var __ = world;
        var a = await world.SignedUpAsync("ada@a.test", "Tenant A");
        Assert.StartsWith("/integrations?connected=", await InstallThroughPage.ReturnAsync(a, await InstallThroughPage.InstallAsync(world, a, "acme1", "acme1/repo1")));

        // The same person at GitHub, owner of a second tenant: the page updates the installation and returns its id again.
        var b = await world.SignedUpAsync("bob@b.test", "Tenant B");
        var back = await InstallThroughPage.InstallAsync(world, b, "acme1", "acme1/repo1", "acme1/repo2");
        Assert.Equal("update", QueryHelpers.ParseQuery(back.Query)["setup_action"].ToString());
        string next = await InstallThroughPage.ReturnAsync(b, back);

        Assert.Equal("/integrations?error=github_app_held_elsewhere&provider=github", next);
        var held = Assert.Single(await world.ConnectionsAsync());
        Assert.Equal("Tenant A", await world.TextAsync("SELECT name FROM tenants WHERE id = $1", held.TenantId));
    }
}
