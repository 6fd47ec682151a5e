using IntegrationHub.ProviderAccess.GitHubApps;
using IntegrationHub.Tests.World;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.GitHubApp;

/// <summary>
/// A GitHub App registered at the world's simulator (which made its key pair and gave back the private key), installed
/// on acme1 for acme1/repo1 and acme1/repo2, and the hub settings that make it the platform app.
/// </summary>
internal sealed record GitHubAppSim(long AppId, string Slug, string PrivateKeyPem, long InstallationId, Dictionary<string, string?> Settings)
{
    public static async Task<GitHubAppSim> StartAsync(HubWorld world)
    {
        await world.ControlAsync("seed", new { provider = "github", ownerNames = new[] { "acme1" }, reposPerOwner = 3 });
        var app = await world.ControlAsync("github/apps", new
        {
            name = "Hub Platform", webhookUrl = "http://127.0.0.1:9/none", webhookSecret = "app-webhook-secret",
            permissions = new Dictionary<string, string> { ["contents"] = "read", ["metadata"] = "read", ["issues"] = "write" },
        });
        var installation = await world.ControlAsync("github/installations", new
        {
            app = (string)app["slug"]!, account = "acme1", repositories = new[] { "acme1/repo1", "acme1/repo2" },
        });
        long appId = (long)app["id"]!;
        string pem = (string)app["privateKeyPem"]!;
        var settings = new Dictionary<string, string?>
        {
            ["Hub:GitHubApp:AppId"] = appId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Hub:GitHubApp:Slug"] = (string)app["slug"]!,
            ["Hub:GitHubApp:ClientId"] = (string)app["clientId"]!,
            ["Hub:GitHubApp:ClientSecret"] = (string)app["clientSecret"]!,
            ["Hub:GitHubApp:WebhookSecret"] = "app-webhook-secret",
            ["Hub:GitHubApp:PrivateKey"] = pem,
            ["Hub:GitHubApp:BaseUrl"] = world.SimUrl + "/github",
            ["Hub:Security:AllowHttpBaseUrls"] = "true", // the simulator speaks http
        };
        return new GitHubAppSim(appId, (string)app["slug"]!, pem, (long)installation["id"]!, settings);
    }

    /// <summary>The hub's POSTs to the simulator's access_tokens endpoint of this installation, on every worker node.</summary>
    public int Mints(HubWorld world) =>
        world.Calls.ByRoute.GetValueOrDefault($"POST /github/api/v3/app/installations/{InstallationId}/access_tokens");

    /// <summary>Asks <paramref name="node"/>'s installation tokens for this installation's, as the platform app.</summary>
    public Task<Providers.GitHub.GitHubInstallationToken> TokenAsync(WebApplication node, long? installationId = null) =>
        node.Services.GetRequiredService<InstallationTokens>().GetAsync(
            node.Services.GetRequiredService<PlatformGitHubApp>().Credentials!, installationId ?? InstallationId, CancellationToken.None);
}
