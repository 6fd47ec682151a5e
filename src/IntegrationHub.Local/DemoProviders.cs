using System.Net.Http.Json;
using IntegrationHub.ProviderSim;

namespace IntegrationHub.Local;

/// <summary>
/// What the demo's simulated providers hold: a consent page for a person clicking through, personal access tokens
/// for the PAT-only providers (printed at start), and a few repositories per provider for the demo user.
/// </summary>
internal static class DemoProviders
{
    public static readonly IReadOnlyDictionary<string, string> Pats = new Dictionary<string, string>
    {
        ["gitlab"] = "glpat-demo-personal-token",
        ["bitbucket-dc"] = "bbdc-demo-personal-token",
        ["azure-devops"] = "ado-demo-personal-token",
    };

    public static void Configure(SimulatorOptions o)
    {
        // A person clicking "Connect" sees the provider's Approve/Deny page, as they would for real.
        o.AutoApprove = false;
        foreach (var (provider, token) in Pats)
        {
            o.PersonalAccessTokens.Add(new SimPersonalAccessToken { Provider = provider, Token = token });
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
