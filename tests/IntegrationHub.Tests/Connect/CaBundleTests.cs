using System.Net;
using IntegrationHub.ProviderAccess;
using IntegrationHub.Tests.World;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Connect;

/// <summary>
/// A self-hosted instance behind an internal certificate authority, over real TLS: the hub trusts it only through the
/// CA bundle the tenant pasted, never by switching certificate checks off.
/// </summary>
public sealed class CaBundleTests
{
    [Fact]
    public async Task Bitbucket_Data_Center_behind_an_internal_CA_connects_only_with_that_CA_in_the_bundle()
    {
        using var ca = PrivateCa.Create("Acme");
        using var otherCa = PrivateCa.Create("Elsewhere");
        await using var world = await HubWorld.StartAsync(PlatformApps.Options() with { SimulatorTls = ca });
        Assert.StartsWith("https://", world.SimUrl, StringComparison.Ordinal);
        await world.ControlAsync("repos", new { provider = "bitbucket-dc", owner = "PRJ", name = "app", user = "demo" });
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");

        foreach (string? bundle in new[] { null, otherCa.RootPem })
        {
            var refused = await Forms.SubmitAsync(browser, "/integrations/bitbucket-dc", "bitbucket-dc", Fields(world, bundle));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("TLS certificate is not trusted", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
            Assert.Empty(await world.ConnectionsAsync());
        }

        var accepted = await Forms.SubmitAsync(browser, "/integrations/bitbucket-dc", "bitbucket-dc", Fields(world, ca.RootPem));

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var connection = await world.SingleConnectionAsync();
        Assert.Equal(ca.RootPem.Trim(), connection.CaBundlePem);

        // Later calls for the stored connection (discovery, hooks, poll) go through the same bundle.
        var api = await world.Hub.Services.GetRequiredService<IConnectionApis>().ForAsync(connection, CancellationToken.None);
        var page = await api.ListRepositoriesAsync(null, CancellationToken.None);
        Assert.Equal("PRJ/app", Assert.Single(page.Items).FullPath);
    }

    [Fact]
    public async Task GitHub_Enterprise_behind_an_internal_CA_connects_with_a_PAT_only_with_that_CA_in_the_bundle()
    {
        using var ca = PrivateCa.Create("Acme");
        await using var world = await HubWorld.StartAsync(PlatformApps.Options() with { SimulatorTls = ca });
        await world.ControlAsync("seed", new { provider = "github", owners = 1, reposPerOwner = 1 });
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");
        var fields = new Dictionary<string, string>
        {
            ["Input.BaseUrl"] = $"{world.SimUrl}/github",
            ["Input.Token"] = IntegrationHub.Local.DemoProviders.Pats["github"],
        };

        var refused = await Forms.SubmitAsync(browser, "/integrations/github/token", "github-token", fields);
        Assert.Contains("TLS certificate is not trusted", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.Empty(await world.ConnectionsAsync());

        fields["Input.CaBundle"] = ca.RootPem;
        var accepted = await Forms.SubmitAsync(browser, "/integrations/github/token", "github-token", fields);

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var connection = await world.SingleConnectionAsync();
        Assert.Equal(ca.RootPem.Trim(), connection.CaBundlePem);
        var api = await world.Hub.Services.GetRequiredService<IConnectionApis>().ForAsync(connection, CancellationToken.None);
        Assert.Single((await api.ListRepositoriesAsync(null, CancellationToken.None)).Items);
    }

    private static Dictionary<string, string> Fields(HubWorld world, string? caBundle)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.BaseUrl"] = $"{world.SimUrl}/bitbucket-dc",
            ["Input.ProjectKey"] = "PRJ",
            ["Input.RepositorySlug"] = "app",
            ["Input.Pat"] = "bbdc-demo-personal-token",
        };
        if (caBundle is not null)
        {
            fields["Input.CaBundle"] = caBundle;
        }

        return fields;
    }
}
