using System.Net;
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
    }
}
