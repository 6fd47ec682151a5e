using System.Net.Http.Json;
using IntegrationHub.ProviderSim;

namespace IntegrationHub.Local;

/// <summary>
/// What the demo's simulated providers hold: a consent page for a person clicking through, personal access tokens
/// (printed at start), and a few repositories per provider for the demo user.
/// </summary>
public static class DemoProviders
{
    public static readonly IReadOnlyDictionary<string, string> Pats = new Dictionary<string, string>
    {
        ["gitlab"] = "glpat-demo-personal-token",
        ["github"] = "ghp_demo-personal-token",
        ["bitbucket-dc"] = "bbdc-demo-personal-token",
        ["azure-devops"] = "ado-demo-personal-token",
    };

    /// <summary>
    /// The scopes the demo's GitHub and GitLab PATs carry at the simulator: exactly what the hub's PAT forms require
    /// (a classic GitHub token; GitLab's api), so the printed tokens connect there. The others hold no scopes (any call).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> PatScopes = new Dictionary<string, string[]>
    {
        ["gitlab"] = ["api"],
        ["github"] = ["repo", "admin:repo_hook"],
    };

    /// <summary>The platform OAuth apps, as registered at the simulator and configured in the hub (Hub:Providers).</summary>
    public static readonly IReadOnlyList<(string SimSlug, string HubSection, string HubSlug, string ClientId, string ClientSecret)> PlatformApps =
    [
        ("gitlab", "GitLab", "gitlab", "demo-gitlab-app", "demo-gitlab-secret"),
        ("github", "GitHub", "github", "demo-github-app", "demo-github-secret"),
        ("bitbucket", "BitbucketCloud", "bitbucket-cloud", "demo-bitbucket-app", "demo-bitbucket-secret"),
    ];

    /// <summary>The simulator's apps, with the hub's exact callback URLs.</summary>
    public static IEnumerable<SimOAuthApp> OAuthApps(string dashboardUrl) => PlatformApps.Select(a => new SimOAuthApp
    {
        Provider = a.SimSlug,
        ClientId = a.ClientId,
        ClientSecret = a.ClientSecret,
        RedirectUris = [$"{dashboardUrl.TrimEnd('/')}/connect/{a.HubSlug}/callback"],
    });

    /// <summary>
    /// Hub settings pointing the platform apps at the simulator, and letting the hub reach it on loopback over HTTP.
    /// The whole private-host allow-list is built here (configuration arrays are indexed, so a second writer would have
    /// to guess the next index): the simulator, then <paramref name="alsoAllowedUrls"/> (the local mention bot).
    /// </summary>
    public static Dictionary<string, string?> HubSettings(string simulatorUrl, params IEnumerable<string> alsoAllowedUrls)
    {
        var settings = new Dictionary<string, string?> { ["Hub:Security:AllowHttpBaseUrls"] = "true" };
        int index = 0;
        foreach (string allowed in alsoAllowedUrls.Prepend(simulatorUrl))
        {
            settings[$"Hub:Security:AllowedPrivateHosts:{index++}"] = new Uri(allowed).Authority;
        }

        foreach (var a in PlatformApps)
        {
            settings[$"Hub:Providers:{a.HubSection}:ClientId"] = a.ClientId;
            settings[$"Hub:Providers:{a.HubSection}:ClientSecret"] = a.ClientSecret;
            settings[$"Hub:Providers:{a.HubSection}:BaseUrl"] = $"{simulatorUrl.TrimEnd('/')}/{a.SimSlug}";
        }

        return settings;
    }

    public static void Configure(SimulatorOptions o, string dashboardUrl)
    {
        // A person clicking "Connect" sees the provider's Approve/Deny page, as they would for real.
        o.AutoApprove = false;
        o.OAuthApps.AddRange(OAuthApps(dashboardUrl));
        foreach (var (provider, token) in Pats)
        {
            o.PersonalAccessTokens.Add(new SimPersonalAccessToken { Provider = provider, Token = token, Scopes = [.. PatScopes.GetValueOrDefault(provider, [])] });
        }
    }

    /// <summary>Seeds each provider once; the simulator keeps its world in memory, so this runs at every start.</summary>
    public static async Task SeedAsync(string simulatorUrl, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = new Uri(simulatorUrl) };
        foreach (string provider in new[] { "github", "gitlab", "bitbucket", "bitbucket-dc", "azure-devops" })
        {
            var seed = await http.PostAsJsonAsync("/_sim/seed", new
            {
                provider,
                owners = 2,
                reposPerOwner = 3,
                ownerPrefix = "demo-team",
                repoPrefix = "service",
                organization = "demo-org",
            }, ct);
            seed.EnsureSuccessStatusCode();
        }
    }
}
