using System.Net;
using IntegrationHub.Tests.WebhookOnly;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Connect;

/// <summary>
/// The token forms' HTTP posts (scripts; the pages run on their circuit): a post from another site, with the cookie but
/// without the page's antiforgery token, is refused before any provider is asked or anything stored; a token for a
/// connection that is not there (or is another tenant's) is not found.
/// </summary>
public sealed class TokenFormPostTests
{
    [Fact]
    public async Task Token_form_posts_without_the_pages_antiforgery_token_are_refused_and_store_nothing()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");
        // Tokens the simulator accepts: without the antiforgery check each post would connect.
        var pats = IntegrationHub.Local.DemoProviders.Pats;

        foreach (var (action, fields) in new (string, Dictionary<string, string>)[]
        {
            ("/integrations/gitlab/token", new() { ["Input.BaseUrl"] = $"{world.SimUrl}/gitlab", ["Input.Token"] = pats["gitlab"] }),
            ("/integrations/github/token", new() { ["Input.BaseUrl"] = $"{world.SimUrl}/github", ["Input.Token"] = pats["github"] }),
            ("/integrations/azure-devops", new() { ["Input.OrganizationUrl"] = $"{world.SimUrl}/azure-devops/demo-org", ["Input.Pat"] = "ado-demo-personal-token" }),
            ("/integrations/bitbucket-dc", new() { ["Input.BaseUrl"] = $"{world.SimUrl}/bitbucket-dc", ["Input.ProjectKey"] = "PRJ", ["Input.RepositorySlug"] = "app" }),
        })
        {
            using var forged = await browser.PostAsync(action, new FormUrlEncodedContent(fields));
            Assert.True(forged.StatusCode == HttpStatusCode.BadRequest, $"{action} answered {(int)forged.StatusCode}");
        }

        Assert.Empty(await world.ConnectionsAsync());
    }

    [Fact]
    public async Task A_token_for_a_connection_that_is_not_there_is_not_found()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");

        var posted = await Forms.SubmitAsync(browser, "/integrations", null, new Dictionary<string, string> { ["Input.Pat"] = "bbdc-demo-personal-token" },
            action: $"/integrations/{Guid.NewGuid()}/token");

        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.Empty(await world.ConnectionsAsync());
        using var page = await browser.GetAsync($"/integrations/{Guid.NewGuid()}/token");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("There is nothing at this address", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_token_for_another_tenants_connection_or_posted_without_the_pages_token_is_not_stored()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        var ada = await world.SignedUpAsync("ada@a.test", "Tenant A");
        var bob = await world.SignedUpAsync("bob@b.test", "Tenant B");
        await TenantSteps.ConnectWebhookOnlyAsync(world, ada, "PRJ", "app");
        Guid adas = await TenantSteps.ConnectionIdAsync(world, "Tenant A");
        // A token the simulator accepts: were either post let through, it would be stored and the connection upgraded.
        var pat = new Dictionary<string, string> { ["Input.Pat"] = IntegrationHub.Local.DemoProviders.Pats["bitbucket-dc"] };

        // Bob knows the id of Ada's connection: its page and its post do not exist for him.
        using var page = await bob.GetAsync($"/integrations/{adas}/token");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        var bobs = await Forms.SubmitAsync(bob, "/integrations", null, pat, action: $"/integrations/{adas}/token");
        Assert.Equal(HttpStatusCode.NotFound, bobs.StatusCode);

        // Ada's own connection, posted from another site with her cookie but without the page's antiforgery token.
        using var forged = await ada.PostAsync($"/integrations/{adas}/token", new FormUrlEncodedContent(pat));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        Assert.Equal(("webhook_only", (string?)null), (
            await world.ScalarAsync<string>("SELECT auth_kind FROM connections WHERE id = $1", adas),
            await world.ValueAsync<string>("SELECT access_token_protected FROM connections WHERE id = $1", adas)));
    }
}
