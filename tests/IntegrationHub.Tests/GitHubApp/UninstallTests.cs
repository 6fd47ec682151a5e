using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Data;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.GitHubApp;

/// <summary>Disconnecting or revoking an app connection uninstalls the app at GitHub; an uninstall at GitHub disconnects it.</summary>
public sealed class UninstallTests
{
    private static async Task<(HubWorld World, KnownGitHubApp App, HttpClient Browser, Connection Connection)> InstalledAsync()
    {
        var app = KnownGitHubApp.New();
        var world = await HubWorld.StartAsync(app.Options());
        await world.ControlAsync("seed", new { provider = "github", ownerNames = new[] { "acme1" }, reposPerOwner = 2 });
        await app.RegisterAsync(world, PlatformApps.HubUrl + "/connect/github-app/setup", requestOAuthOnInstall: true);
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");
        Assert.StartsWith("/integrations?connected=", await InstallThroughPage.ReturnAsync(browser, await InstallThroughPage.InstallAsync(world, browser, "acme1", "acme1/repo1")));
        return (world, app, browser, await world.SingleConnectionAsync());
    }

    private static async Task<bool> InstalledAtGitHubAsync(HubWorld world, long installationId) =>
        ((JsonArray)JsonNode.Parse(await world.Sim.GetStringAsync("/_sim/github/installations"))!).Any(i => (long)i!["id"]! == installationId);

    [Fact]
    public async Task Disconnecting_an_app_connection_uninstalls_the_app_at_GitHub()
    {
        var (world, _, browser, c) = await InstalledAsync();
        await using var _ = world;
        Assert.True(await InstalledAtGitHubAsync(world, c.GitHubInstallationId!.Value));

        using var page = await CleanupPosts.DisconnectAsync(browser, c.Id);

        string html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains("The GitHub App was uninstalled from acme1 at GitHub.", html);
        var after = await world.SingleConnectionAsync();
        Assert.Equal((ConnectionStatus.Disconnected, "done"), (after.Status, after.CleanupStatus));
        Assert.False(await InstalledAtGitHubAsync(world, c.GitHubInstallationId!.Value));
    }

    [Fact]
    public async Task When_GitHub_refuses_the_uninstall_the_page_says_how_to_uninstall_there()
    {
        var (world, _, browser, c) = await InstalledAsync();
        await using var _ = world;
        await world.FaultAsync("github", new { serverErrors = 1.0, serverErrorStatus = 502 });

        using var page = await CleanupPosts.DisconnectAsync(browser, c.Id);

        Assert.Contains("uninstall it at GitHub yourself (your account: Settings → Applications → Installed GitHub Apps",
            WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()));
        Assert.Equal(ConnectionStatus.Disconnected, (await world.SingleConnectionAsync()).Status);
        await world.FaultAsync("github", null);
        Assert.True(await InstalledAtGitHubAsync(world, c.GitHubInstallationId!.Value));
    }

    [Fact]
    public async Task Revoking_an_app_connection_as_an_administrator_uninstalls_the_app_at_GitHub()
    {
        var (world, _, _, c) = await InstalledAsync();
        await using var _ = world;
        var admin = await world.SignedUpAdminAsync();

        string html = WebUtility.HtmlDecode(await AdminSetup.RevokeAsync(admin, c.Id, "abuse report"));

        Assert.Equal(ConnectionStatus.Revoked, (await world.SingleConnectionAsync()).Status);
        Assert.False(await InstalledAtGitHubAsync(world, c.GitHubInstallationId!.Value));
        Assert.Contains("The GitHub App was uninstalled from acme1 at GitHub.", html);
    }

    [Fact]
    public async Task An_app_uninstalled_at_GitHub_marks_its_connection_disconnected_at_the_next_call()
    {
        var app = KnownGitHubApp.New();
        await using var world = await HubWorld.StartAsync(app.Options());
        await world.ControlAsync("seed", new { provider = "github", ownerNames = new[] { "acme1" }, reposPerOwner = 2 });
        await app.RegisterAsync(world);
        long installation = await app.InstallAsync(world, "acme1", "acme1/repo1");
        var connection = await app.ConnectionAsync(world, installation, "acme1");
        // The installation.deleted delivery goes nowhere here (the app's webhook URL is a closed port), as when it is lost.
        (await world.Sim.DeleteAsync($"/_sim/github/installations/{installation}")).EnsureSuccessStatusCode();
        var worker = await world.StartWorkerAsync("app-gone", app.Settings(world.SimUrl));

        await world.DiscoverAsync(worker, connection);

        Assert.True(await HubWorld.EventuallyAsync(async () =>
            await world.TextAsync("SELECT status FROM connections WHERE id = $1", connection) == ConnectionStatus.Disconnected), "the connection stayed active");
        Assert.Equal("The GitHub App was uninstalled on GitHub; install it again to reconnect.", await world.TextAsync("SELECT status_reason FROM connections WHERE id = $1", connection));
    }
}
