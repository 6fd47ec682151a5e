using System.Net;
using IntegrationHub.Data;
using IntegrationHub.Local;
using IntegrationHub.Secrets;
using IntegrationHub.Tests.World;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Connect;

/// <summary>
/// GitHub and GitLab connect with an access token through their pages, checked against the simulator before anything
/// is stored: a good token is stored encrypted and discovery runs on it; a missing scope, a fine-grained token without
/// the Webhooks permission, or an unknown token is refused in words that say why, and leaves no connection row.
/// </summary>
public sealed class PatConnectTests
{
    [Fact]
    public async Task GitHub_Enterprise_classic_PAT_is_stored_encrypted_and_discovery_hooks_its_repositories()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        await world.ControlAsync("seed", new { provider = "github", owners = 1, reposPerOwner = 2 });
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");
        string pat = DemoProviders.Pats["github"];

        // The API root as GitHub Enterprise documents it (…/api/v3) is accepted for the instance.
        var posted = await SubmitAsync(browser, "github", $"{world.SimUrl}/github/api/v3", pat);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var c = await world.SingleConnectionAsync();
        Assert.Equal(("github", AuthKinds.Pat, "octocat", $"{world.SimUrl}/github"), (c.Provider, c.AuthKind, c.AccountLogin, c.BaseUrl));
        Assert.Equal(["repo", "admin:repo_hook"], c.Scopes);
        Assert.DoesNotContain(pat, c.AccessTokenProtected);
        Assert.Equal(pat, world.Hub.Services.GetRequiredService<ISecretProtector>().Unprotect(c.AccessTokenProtected!));
        Assert.Null(c.RefreshTokenProtected);
        Assert.Null(c.AccessTokenExpiresAt);

        var worker = await CleanupWorkers.StartAsync(world, "pat-github");
        Assert.True(await world.HooksSettledAsync(c.Id, 2), "discovery did not find and hook the two repositories");
        await world.StopWorkerAsync(worker);
        Assert.Equal(2L, await world.ScalarAsync<long>("SELECT count(*) FROM repositories WHERE connection_id = $1", c.Id));
        Assert.Equal(2, (await world.SimHooksAsync("github")).Count);
    }

    [Fact]
    public async Task The_demos_printed_GitLab_PAT_connects_a_self_managed_GitLab_and_discovery_finds_its_projects()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        await world.ControlAsync("seed", new { provider = "gitlab", owners = 1, reposPerOwner = 3 });
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");

        var posted = await SubmitAsync(browser, "gitlab", $"{world.SimUrl}/gitlab", DemoProviders.Pats["gitlab"]);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var c = await world.SingleConnectionAsync();
        Assert.Equal(("gitlab", AuthKinds.Pat, "demo"), (c.Provider, c.AuthKind, c.AccountLogin));
        Assert.Equal(["api"], c.Scopes);
        Assert.Null(c.RefreshTokenProtected);
        var worker = await CleanupWorkers.StartAsync(world, "pat-gitlab");
        Assert.True(await world.HooksSettledAsync(c.Id, 3), "discovery did not find and hook the three projects");
        await world.StopWorkerAsync(worker);
        Assert.Equal(3L, await world.ScalarAsync<long>("SELECT count(*) FROM repositories WHERE connection_id = $1", c.Id));
    }

    [Fact]
    public async Task A_GitLab_project_token_connects_as_its_bot_user_and_its_expiry_is_stored_and_shown()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        string token = (string)(await world.ControlAsync("tokens", new { provider = "gitlab", user = "project_42_bot", scopes = new[] { "api" }, expiresInSeconds = 40 * 86400 }))["token"]!;
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");

        var posted = await SubmitAsync(browser, "gitlab", $"{world.SimUrl}/gitlab/api/v4", token);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var c = await world.SingleConnectionAsync();
        Assert.Equal(("project_42_bot", $"{world.SimUrl}/gitlab"), (c.AccountLogin, c.BaseUrl));
        // GitLab says a date; the token stops at midnight UTC that day.
        var expected = DateTimeOffset.UtcNow.AddDays(40).UtcDateTime.Date;
        Assert.Equal(new DateTimeOffset(expected, TimeSpan.Zero), c.AccessTokenExpiresAt);
        string page = WebUtility.HtmlDecode(await (await browser.GetAsync("/integrations")).Content.ReadAsStringAsync());
        Assert.Contains($"Access token expires {expected:yyyy-MM-dd} 00:00 UTC", page);
        Assert.Matches("<a [^>]*href=\"/integrations/gitlab/token\"[^>]*>(\\s|<[^>]+>)*New token(\\s|<[^>]+>)*</a>", page); // a new token for the same account updates this row
    }

    [Fact]
    public async Task A_new_token_for_the_same_account_updates_the_connection_instead_of_adding_one()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(browser, "gitlab", $"{world.SimUrl}/gitlab", DemoProviders.Pats["gitlab"])).StatusCode);
        var before = await world.SingleConnectionAsync();
        string fresh = (string)(await world.ControlAsync("tokens", new { provider = "gitlab", scopes = new[] { "api" } }))["token"]!;

        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(browser, "gitlab", $"{world.SimUrl}/gitlab", fresh)).StatusCode);

        var after = await world.SingleConnectionAsync();
        Assert.Equal(before.Id, after.Id);
        Assert.Equal(fresh, world.Hub.Services.GetRequiredService<ISecretProtector>().Unprotect(after.AccessTokenProtected!));
        Assert.Contains("connection.reconnected", await world.AuditActionsAsync());
    }

    [Theory]
    [InlineData("github", "repo", "admin:repo_hook")]
    [InlineData("github", "public_repo admin:repo_hook", "repo")]
    [InlineData("gitlab", "read_api read_user", "api")]
    public async Task A_token_missing_a_scope_is_refused_naming_it_and_nothing_is_stored(string provider, string scopes, string missing)
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        string token = (string)(await world.ControlAsync("tokens", new { provider, scopes = scopes.Split(' ') }))["token"]!;
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");

        var posted = await SubmitAsync(browser, provider, $"{world.SimUrl}/{provider}", token);

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        string error = await ErrorAsync(posted);
        Assert.Contains($"missing the scope {missing}.", error);
        Assert.Contains("Nothing was stored", error);
        Assert.DoesNotContain(token, await posted.Content.ReadAsStringAsync());
        Assert.Empty(await world.ConnectionsAsync());
        Assert.DoesNotContain("connection.connected", await world.AuditActionsAsync());
    }

    [Theory]
    [InlineData("github")]
    [InlineData("gitlab")]
    public async Task An_unknown_token_is_refused_and_nothing_is_stored(string provider)
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");

        var posted = await SubmitAsync(browser, provider, $"{world.SimUrl}/{provider}", "not-a-token-the-provider-made");

        Assert.Contains("did not accept this token", await ErrorAsync(posted));
        Assert.Empty(await world.ConnectionsAsync());
    }

    [Fact]
    public async Task A_fine_grained_GitHub_token_is_proved_by_reading_hooks_and_refused_without_the_Webhooks_permission()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        await world.ControlAsync("seed", new { provider = "github", owners = 1, reposPerOwner = 1 });
        await world.ControlAsync("tokens", new { provider = "github", token = "github_pat_contents_only", scopes = new[] { "contents:read", "metadata:read" } });
        await world.ControlAsync("tokens", new { provider = "github", token = "github_pat_with_hooks", scopes = new[] { "webhooks:write", "contents:read", "metadata:read" } });
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");

        var refused = await SubmitAsync(browser, "github", $"{world.SimUrl}/github", "github_pat_contents_only");
        Assert.Contains("Webhooks: read and write", await ErrorAsync(refused));
        Assert.Empty(await world.ConnectionsAsync());

        var accepted = await SubmitAsync(browser, "github", $"{world.SimUrl}/github", "github_pat_with_hooks");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var c = await world.SingleConnectionAsync();
        Assert.Equal((AuthKinds.Pat, 0), (c.AuthKind, c.Scopes.Count)); // GitHub reports no scopes for a fine-grained token
    }

    [Fact]
    public async Task A_PAT_connection_of_one_tenant_is_invisible_to_another()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        var alice = await world.SignedUpAsync("alice@a.test", "Tenant A");
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(alice, "gitlab", $"{world.SimUrl}/gitlab", DemoProviders.Pats["gitlab"])).StatusCode);
        var victim = await world.SingleConnectionAsync();
        var mallory = await world.SignedUpAsync("mallory@b.test", "Tenant B");

        string list = WebUtility.HtmlDecode(await (await mallory.GetAsync("/integrations")).Content.ReadAsStringAsync());
        using var opened = await mallory.GetAsync($"/integrations/{victim.Id}/disconnect");
        string disconnect = await opened.Content.ReadAsStringAsync();

        Assert.DoesNotContain("GitLab · demo", list);
        Assert.DoesNotContain(victim.Id.ToString(), list);
        Assert.Equal(HttpStatusCode.NotFound, opened.StatusCode);
        Assert.Contains("There is nothing at this address", disconnect);
        Assert.DoesNotContain("GitLab · demo", WebUtility.HtmlDecode(disconnect));
        Guid tenantB = await world.ScalarAsync<Guid>("SELECT id FROM tenants WHERE name = 'Tenant B'");
        await using (var db = TestDb.Create(world.ConnectionString, tenantB))
        {
            Assert.Empty(await db.Connections.ToListAsync());
        }

        Assert.Contains("GitLab · demo", WebUtility.HtmlDecode(await (await alice.GetAsync("/integrations")).Content.ReadAsStringAsync()));
    }

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient browser, string provider, string baseUrl, string token) =>
        Forms.SubmitAsync(browser, $"/integrations/{provider}/token", $"{provider}-token", new Dictionary<string, string>
        {
            ["Input.BaseUrl"] = baseUrl,
            ["Input.Token"] = token,
        });

    private static async Task<string> ErrorAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(
        System.Text.RegularExpressions.Regex.Match(await response.Content.ReadAsStringAsync(), "id=\"token-error\">([^<]*)<").Groups[1].Value);
}
