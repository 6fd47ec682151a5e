using System.Globalization;
using System.Security.Cryptography;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.GitHubApp;

/// <summary>
/// A platform GitHub App whose id, client id, secret and key the test chooses before the world starts, so the web host
/// (whose settings are fixed when it is built) has it too; registered at the simulator once the world runs.
/// </summary>
internal sealed record KnownGitHubApp(long AppId, string Slug, string ClientId, string ClientSecret)
{
    public static KnownGitHubApp New()
    {
        int n = RandomNumberGenerator.GetInt32(100_000, 999_999);
        return new KnownGitHubApp(n, $"hub-app-{n}", $"Iv23liknown{n}", $"app-secret-{n}");
    }

    public const string WebhookSecret = "app-webhook-secret";

    public string BotLogin => Slug + "[bot]";

    /// <summary>The hub's settings making this the platform app at the world's simulator.</summary>
    public Dictionary<string, string?> Settings(string simUrl) => new()
    {
        ["Hub:GitHubApp:AppId"] = AppId.ToString(CultureInfo.InvariantCulture),
        ["Hub:GitHubApp:Slug"] = Slug,
        ["Hub:GitHubApp:ClientId"] = ClientId,
        ["Hub:GitHubApp:ClientSecret"] = ClientSecret,
        ["Hub:GitHubApp:WebhookSecret"] = WebhookSecret,
        ["Hub:GitHubApp:PrivateKey"] = GitHubAppKeys.Pem,
        ["Hub:GitHubApp:BaseUrl"] = simUrl + "/github",
        ["Hub:Security:AllowHttpBaseUrls"] = "true", // the simulator speaks http
    };

    /// <summary>The simulator, a tenant and the web host configured with this app (and the demo's OAuth apps).</summary>
    public HubWorldOptions Options() => PlatformApps.Options() with
    {
        Tenant = "Apps",
        SimulatorSettings = simUrl =>
        {
            var all = PlatformApps.HubSettings(simUrl);
            foreach (var (key, value) in Settings(simUrl))
            {
                all[key] = value;
            }

            return all;
        },
    };

    /// <summary>
    /// Registers the app at the simulator; installing it sends the person to <paramref name="setupUrl"/>, and its webhook
    /// deliveries go to <paramref name="webhookUrl"/> (none: a closed port) for <paramref name="events"/> (none: every event).
    /// <paramref name="permissions"/> (none: contents and metadata read, issues and pull requests write).
    /// </summary>
    public async Task RegisterAsync(HubWorld world, string? setupUrl = null, bool requestOAuthOnInstall = false, string? webhookUrl = null, string[]? events = null,
        Dictionary<string, string>? permissions = null)
    {
        await world.ControlAsync("github/apps", new
        {
            name = "Hub Platform " + AppId, slug = Slug, appId = AppId, clientId = ClientId, clientSecret = ClientSecret,
            publicKeyPem = GitHubAppKeys.PublicPem, webhookUrl = webhookUrl ?? "http://127.0.0.1:9/none", webhookSecret = WebhookSecret,
            setupUrl, callbackUrl = setupUrl, requestOAuthOnInstall, events,
            permissions = permissions ?? new Dictionary<string, string> { ["contents"] = "read", ["metadata"] = "read", ["issues"] = "write", ["pull_requests"] = "write" },
        });
    }

    /// <summary>Installs the app on <paramref name="account"/> for these repositories, as its owner would; the installation id.</summary>
    public async Task<long> InstallAsync(HubWorld world, string account, params string[] repositories) =>
        (long)(await world.ControlAsync("github/installations", new { app = Slug, account, repositories }))["id"]!;

    /// <summary>An app connection of the world's tenant on <paramref name="installationId"/> of this (the platform) app.</summary>
    public Task<Guid> ConnectionAsync(HubWorld world, long installationId, string account) => world.AppConnectionAsync(world.TenantId, installationId, account);
}
