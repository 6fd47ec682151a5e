using System.Net;
using IntegrationHub.Data;
using IntegrationHub.Secrets;
using IntegrationHub.Tests.World;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Connect;

/// <summary>Each provider connects through the hub's pages against the simulator over real HTTP, and disconnects.</summary>
public sealed class ConnectFlowTests
{
    [Fact]
    public async Task GitLab_com_connects_in_one_click_with_PKCE_S256_and_queues_discovery()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");

        var authorize = await world.StartPlatformAsync(browser, "gitlab");
        var query = QueryHelpers.ParseQuery(authorize.Query);
        Assert.StartsWith(world.SimUrl + "/gitlab/oauth/authorize", authorize.AbsoluteUri);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal(43, query["code_challenge"].ToString().Length);
        Assert.Equal("http://localhost/connect/gitlab/callback", query["redirect_uri"]);
        Assert.Equal("api read_user read_api", query["scope"]);
        string next = await HubWorld.CallbackAsync(browser, await world.ApproveAsync(authorize));

        Assert.StartsWith("/integrations?connected=", next);
        var c = await world.SingleConnectionAsync();
        Assert.Equal((ConnectionStatus.Active, AuthKinds.OAuthPlatform, "demo"), (c.Status, c.AuthKind, c.AccountLogin));
        Assert.StartsWith("glo-", world.Hub.Services.GetRequiredService<ISecretProtector>().Unprotect(c.AccessTokenProtected!));
        Assert.NotNull(c.RefreshTokenProtected);
        Assert.NotNull(c.AccessTokenExpiresAt);
        await using (var jobs = Npgsql.NpgsqlDataSource.Create(world.ConnectionString))
        await using (var cmd = jobs.CreateCommand("SELECT count(*) FROM " + JobRows.Table + " WHERE connection_id = $1 AND kind = 'discover' AND status = 'pending'"))
        {
            cmd.Parameters.Add(new() { Value = c.Id });
            Assert.Equal(1L, (long)(await cmd.ExecuteScalarAsync())!);
        }

        string page = await (await browser.GetAsync(next)).Content.ReadAsStringAsync();
        Assert.Contains("Connected.", page);
        Assert.Contains("GitLab · demo", WebUtility.HtmlDecode(page));
    }

    [Theory]
    [InlineData("github", "GitHub · octocat")]
    [InlineData("gitlab", "GitLab · demo")]
    [InlineData("bitbucket-cloud", "Bitbucket Cloud · demo")]
    public async Task OAuth_provider_connects_on_the_platform_app_and_disconnects_with_the_token_revoked(string provider, string shown)
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");

        string next = await world.ConnectPlatformAsync(browser, provider);

        Assert.StartsWith("/integrations?connected=", next);
        var c = await world.SingleConnectionAsync();
        Assert.Contains(shown, WebUtility.HtmlDecode(await (await browser.GetAsync("/integrations")).Content.ReadAsStringAsync()));
        string token = world.Hub.Services.GetRequiredService<ISecretProtector>().Unprotect(c.AccessTokenProtected!);

        var confirm = await (await browser.GetAsync($"/integrations/{c.Id}/disconnect")).Content.ReadAsStringAsync();
        Assert.Contains("remove the 0 webhook(s)", confirm);
        var done = await CleanupPosts.DisconnectAsync(browser, c.Id);
        string html = await done.Content.ReadAsStringAsync();

        Assert.Contains("Disconnected.", html);
        var after = await world.SingleConnectionAsync();
        Assert.Equal((ConnectionStatus.Disconnected, "done"), (after.Status, after.CleanupStatus));
        Assert.Null(after.AccessTokenProtected);
        Assert.Null(after.RefreshTokenProtected);
        if (provider != "bitbucket-cloud")
        {
            // GitLab and GitHub have revoke endpoints: the token no longer works at the provider.
            Assert.Equal(HttpStatusCode.Unauthorized, (await SimUserAsync(world, provider, token)).StatusCode);
        }
        else
        {
            Assert.Contains("has no way for the hub to revoke", html);
        }
    }

    [Fact]
    public async Task Reconnecting_the_same_account_updates_the_connection_instead_of_adding_one()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");
        string first = await world.ConnectPlatformAsync(browser, "gitlab");
        var before = await world.SingleConnectionAsync();

        var authorize = await world.StartPlatformAsync(browser, "gitlab", reconnect: before.Id);
        string second = await HubWorld.CallbackAsync(browser, await world.ApproveAsync(authorize));

        Assert.Equal(first, second);
        var after = await world.SingleConnectionAsync();
        Assert.Equal(before.Id, after.Id);
        Assert.NotEqual(before.AccessTokenProtected, after.AccessTokenProtected);
        Assert.Contains("connection.reconnected", await world.AuditActionsAsync());
    }

    [Fact]
    public async Task Azure_DevOps_connects_with_a_PAT_validated_on_submit_and_refuses_a_bad_one()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        await world.ControlAsync("seed", new { provider = "azure-devops", owners = 1, reposPerOwner = 1, organization = "demo-org" });
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");
        string org = $"{world.SimUrl}/azure-devops/demo-org";

        var bad = await Forms.SubmitAsync(browser, "/integrations/azure-devops", "azure-devops",
            new Dictionary<string, string> { ["Input.OrganizationUrl"] = org, ["Input.Pat"] = "not-a-real-token" });
        Assert.Contains("did not accept this token", await bad.Content.ReadAsStringAsync());
        Assert.Empty(await world.ConnectionsAsync());

        var good = await Forms.SubmitAsync(browser, "/integrations/azure-devops", "azure-devops",
            new Dictionary<string, string> { ["Input.OrganizationUrl"] = org, ["Input.Pat"] = "ado-demo-personal-token" });
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var c = await world.SingleConnectionAsync();
        Assert.Equal((AuthKinds.Pat, "azure-devops"), (c.AuthKind, c.Provider));

        var done = await CleanupPosts.DisconnectAsync(browser, c.Id);
        Assert.Contains("Delete the personal access token at the provider", await done.Content.ReadAsStringAsync());
        Assert.Null((await world.SingleConnectionAsync()).AccessTokenProtected);
    }

    [Fact]
    public async Task Bitbucket_Data_Center_webhook_only_answers_with_a_webhook_url_and_a_fresh_secret_and_disconnects()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");

        string answer = await (await Forms.SubmitAsync(browser, "/integrations/bitbucket-dc", "bitbucket-dc", DcFields(world))).Content.ReadAsStringAsync();

        Assert.Matches("http://localhost/hooks/bitbucket-dc/[0-9a-f-]{36}", answer);
        Assert.Matches("id=\"webhook-secret\">[A-Za-z0-9_-]{43}<", answer);
        var c = await world.SingleConnectionAsync();
        Assert.Equal((AuthKinds.WebhookOnly, "PRJ", "app"), (c.AuthKind, c.ProjectKey, c.RepositorySlug));
        await using (var db = TestDb.Create(world.ConnectionString, c.TenantId))
        {
            var hook = await db.Hooks.SingleAsync(x => x.ConnectionId == c.Id);
            Assert.Equal(answer.Split("id=\"webhook-secret\">")[1].Split('<')[0], world.Hub.Services.GetRequiredService<ISecretProtector>().Unprotect(hook.SecretProtected));
        }

        var done = await CleanupPosts.DisconnectAsync(browser, c.Id);
        Assert.Contains("Remove the webhook you added on PRJ/app", await done.Content.ReadAsStringAsync());
        Assert.Equal(ConnectionStatus.Disconnected, (await world.SingleConnectionAsync()).Status);
    }

    [Fact]
    public async Task Bitbucket_Data_Center_with_an_access_token_is_validated_and_stored()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        await world.ControlAsync("repos", new { provider = "bitbucket-dc", owner = "PRJ", name = "app", user = "demo" });
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");
        var fields = DcFields(world);
        fields["Input.Pat"] = "bbdc-demo-personal-token";

        var withPat = await Forms.SubmitAsync(browser, "/integrations/bitbucket-dc", "bitbucket-dc", fields);

        Assert.True(withPat.StatusCode == HttpStatusCode.Redirect, ErrorOf(await withPat.Content.ReadAsStringAsync()));
        var c = await world.SingleConnectionAsync();
        Assert.Equal((AuthKinds.Pat, "PRJ", "app"), (c.AuthKind, c.ProjectKey, c.RepositorySlug));
        var done = await CleanupPosts.DisconnectAsync(browser, c.Id);
        Assert.Contains("Disconnected.", await done.Content.ReadAsStringAsync());
    }

    private static Dictionary<string, string> DcFields(HubWorld world) => new()
    {
        ["Input.BaseUrl"] = $"{world.SimUrl}/bitbucket-dc", ["Input.ProjectKey"] = "PRJ", ["Input.RepositorySlug"] = "app",
    };

    private static string ErrorOf(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "id=\"dc-error\">([^<]*)<").Groups[1].Value;

    internal static async Task<HttpResponseMessage> SimUserAsync(HubWorld world, string provider, string token)
    {
        string path = provider switch { "github" => "/github/api/v3/user", "gitlab" => "/gitlab/api/v4/user", _ => "/bitbucket/2.0/user" };
        using var request = new HttpRequestMessage(HttpMethod.Get, world.SimUrl + path);
        request.Headers.Authorization = new("Bearer", token);
        request.Headers.UserAgent.ParseAdd("tests");
        return await world.Sim.SendAsync(request);
    }
}
