using System.Net;
using IntegrationHub.Data;
using IntegrationHub.ProviderAccess;
using IntegrationHub.Secrets;
using IntegrationHub.Tests.World;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Connect;

/// <summary>
/// A tenant's own OAuth application (self-hosted GitLab, GitHub Enterprise, a Bitbucket Cloud consumer) registered at
/// the simulator: connect, refresh and revoke all use the tenant's client id and secret, never the platform app's.
/// </summary>
public sealed class OwnAppFlowTests
{
    internal const string ClientId = "tenant-own-app";
    internal const string ClientSecret = "tenant-own-secret-5f1c9a7e";

    [Theory]
    [InlineData("gitlab", "gitlab", true, true)]
    [InlineData("github", "github", false, true)]
    [InlineData("bitbucket-cloud", "bitbucket", true, false)]
    public async Task Own_app_connects_refreshes_with_the_tenants_secret_and_disconnects(string provider, string simSlug, bool refreshes, bool revokes)
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");

        string next = await ConnectOwnAppAsync(world, browser, provider, simSlug);

        Assert.StartsWith("/integrations?connected=", next);
        var c = await world.SingleConnectionAsync();
        var protector = world.Hub.Services.GetRequiredService<ISecretProtector>();
        Assert.Equal((AuthKinds.OAuthTenant, ClientId, $"{world.SimUrl}/{simSlug}"), (c.AuthKind, c.ClientId, c.BaseUrl));
        Assert.Equal(ClientSecret, protector.Unprotect(c.ClientSecretProtected!));
        string token = protector.Unprotect(c.AccessTokenProtected!);
        Assert.Equal(HttpStatusCode.OK, (await ConnectFlowTests.SimUserAsync(world, provider, token)).StatusCode);

        if (refreshes)
        {
            // The refresh token belongs to the tenant's app: a refresh made with the platform app's credentials would be refused.
            await world.Hub.Services.GetRequiredService<IConnectionApis>().CredentialsAsync(c.Id, afterUnauthorized: true, CancellationToken.None);
            var refreshed = await world.SingleConnectionAsync();
            Assert.Equal(ConnectionStatus.Active, refreshed.Status);
            Assert.NotNull(refreshed.TokenRefreshedAt);
            token = protector.Unprotect(refreshed.AccessTokenProtected!);
            Assert.NotEqual(protector.Unprotect(c.AccessTokenProtected!), token);
            Assert.Equal(HttpStatusCode.OK, (await ConnectFlowTests.SimUserAsync(world, provider, token)).StatusCode);
        }

        var done = await CleanupPosts.DisconnectAsync(browser, c.Id);
        string html = await done.Content.ReadAsStringAsync();

        Assert.Contains("Disconnected.", html);
        var after = await world.SingleConnectionAsync();
        Assert.Equal((ConnectionStatus.Disconnected, "done"), (after.Status, after.CleanupStatus));
        Assert.Null(after.AccessTokenProtected);
        Assert.Null(after.ClientSecretProtected);
        if (revokes)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await ConnectFlowTests.SimUserAsync(world, provider, token)).StatusCode);
        }
        else
        {
            Assert.Contains("has no way for the hub to revoke", html);
        }
    }

    /// <summary>Registers the tenant's app at the simulator, fills the own-app page and plays the provider's approval.</summary>
    internal static async Task<string> ConnectOwnAppAsync(HubWorld world, HttpClient browser, string provider, string simSlug)
    {
        await world.ControlAsync("oauth-apps", new
        {
            provider = simSlug, clientId = ClientId, clientSecret = ClientSecret, redirectUris = new[] { $"{PlatformApps.HubUrl}/connect/{provider}/callback" },
        });
        var start = await Forms.SubmitAsync(browser, $"/integrations/{provider}/own-app", "own-app", new Dictionary<string, string>
        {
            ["Input.BaseUrl"] = $"{world.SimUrl}/{simSlug}", ["Input.ClientId"] = ClientId, ["Input.ClientSecret"] = ClientSecret,
        });
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var authorize = start.Headers.Location!;
        Assert.StartsWith($"{world.SimUrl}/{simSlug}/", authorize.AbsoluteUri);
        Assert.Equal(ClientId, QueryHelpers.ParseQuery(authorize.Query)["client_id"]);
        return await HubWorld.CallbackAsync(browser, await world.ApproveAsync(authorize));
    }
}
