using System.Net;
using IntegrationHub.Data;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.GitHubApp;

/// <summary>"Install this app" for a tenant's own GitHub App, through the simulator standing in for the Enterprise Server.</summary>
public sealed class OwnGitHubAppInstallTests
{
    private const string Setup = PlatformApps.HubUrl + "/connect/github-app/setup";

    /// <summary>No platform GitHub App; the simulator knows the tenant's app (its public key) and seeds acme1.</summary>
    private static async Task<(HubWorld World, KnownGitHubApp App)> StartAsync()
    {
        var world = await HubWorld.StartAsync(PlatformApps.Options());
        var app = KnownGitHubApp.New();
        await world.ControlAsync("seed", new { provider = "github", ownerNames = new[] { "acme1" }, reposPerOwner = 2 });
        await app.RegisterAsync(world, Setup, requestOAuthOnInstall: true);
        return (world, app);
    }

    /// <summary>The page's form for <paramref name="app"/> at the simulator's GitHub (http: the simulator's, allowed here).</summary>
    private static Dictionary<string, string> Fields(HubWorld world, KnownGitHubApp app) => OwnGitHubAppSteps.Fields(world.SimUrl + "/github",
        app.AppId.ToString(System.Globalization.CultureInfo.InvariantCulture), app.Slug, app.ClientId, app.ClientSecret, KnownGitHubApp.WebhookSecret);

    [Fact]
    public async Task Installing_the_own_app_connects_the_installation_bound_to_that_app_which_then_cannot_be_deleted()
    {
        var (world, app) = await StartAsync();
        await using var _ = world;
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");
        Guid id = await OwnGitHubAppSteps.SavedAsync(browser, Fields(world, app));

        var back = await InstallThroughPage.InstallFromAsync(world, browser, $"/connect/github-app/install?app={id:D}", "acme1", "acme1/repo1");
        string next = await InstallThroughPage.ReturnAsync(browser, back);

        Assert.StartsWith("/integrations?connected=", next);
        var c = await world.SingleConnectionAsync();
        Assert.Equal((ConnectionStatus.Active, AuthKinds.GitHubApp, "acme1", id), (c.Status, c.AuthKind, c.AccountLogin, c.GitHubAppId!.Value));
        Assert.Equal(world.SimUrl + "/github", c.BaseUrl);

        using var refused = await OwnGitHubAppSteps.DeleteAsync(browser, id);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal($"Connections still use this app ({c.DisplayName}). Disconnect them first.", OwnGitHubAppSteps.Error(await refused.Content.ReadAsStringAsync()));
        Assert.Equal(1, await world.CountAsync("SELECT count(*) FROM github_apps WHERE id = $1", id));
    }

    [Fact]
    public async Task Tenant_B_cannot_see_edit_delete_or_install_tenant_A_app_by_its_id()
    {
        var (world, app) = await StartAsync();
        await using var _ = world;
        var a = await world.SignedUpAsync("ada@a.test", "Tenant A");
        Guid id = await OwnGitHubAppSteps.SavedAsync(a, Fields(world, app));
        const string Row = "SELECT slug || app_id || updated_at::text FROM github_apps WHERE id = $1";
        string before = await world.ValueAsync<string>(Row, id);
        var b = await world.SignedUpAsync("bob@b.test", "Tenant B");

        string page = await b.GetStringAsync($"{OwnGitHubAppSteps.Page}?edit={id:D}&delete={id:D}");
        Assert.DoesNotContain("name=\"Input.Id\"", page); // no edit form of A's app (the id itself is in the form's action URL)
        Assert.DoesNotContain("delete-github-app-question", page);
        Assert.DoesNotContain(app.Slug, page);
        Assert.Contains("id=\"github-apps-none\"", page);

        var fields = Fields(world, app);
        fields["Input.Id"] = id.ToString();
        fields["Input.Slug"] = "taken-over";
        using var edited = await OwnGitHubAppSteps.SaveAsync(b, fields);
        Assert.Equal("This tenant has no such GitHub App.", OwnGitHubAppSteps.Error(await edited.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.BadRequest, (await OwnGitHubAppSteps.DeleteAsync(b, id)).StatusCode); // no confirmation for an app B has not

        using var install = await b.GetAsync($"/connect/github-app/install?app={id:D}");
        Assert.Equal(HttpStatusCode.Redirect, install.StatusCode);
        Assert.Equal("/integrations?error=github_app_not_found&provider=github", install.Headers.Location!.OriginalString);
        Assert.Equal(before, await world.ValueAsync<string>(Row, id));
        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM oauth_states"));
        Assert.Equal(1, await world.CountAsync("SELECT count(*) FROM github_apps"));
    }
}
