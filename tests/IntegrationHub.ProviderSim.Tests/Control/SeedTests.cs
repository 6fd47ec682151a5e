using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Tests.Infrastructure;
using Xunit.Abstractions;

namespace IntegrationHub.ProviderSim.Tests.Control;

public sealed class SeedTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Seeds_ten_thousand_repositories_visible_through_the_api()
    {
        await using var sim = await SimHost.Start();
        var result = await sim.Seed("github", owners: 10, reposPerOwner: 1000, users: ["octocat", "hubot"]);
        Assert.Equal(10_000, (int)result["repositories"]!);
        output.WriteLine($"seeded 10,000 repositories in {(double)result["elapsedMs"]!:F0} ms");

        using var api = sim.Client("Bearer", await sim.Pat("github", "hubot", "repo"));
        using var last = await api.GetAsync("/github/api/v3/user/repos?per_page=100&page=100");
        Assert.Equal(100, JsonNode.Parse(await last.Content.ReadAsStringAsync())!.AsArray().Count);
        Assert.DoesNotContain("rel=\"next\"", last.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        var state = await sim.Http.GetFromJsonAsync<JsonNode>("/_sim/state");
        Assert.Equal(10_000, (int)state!["repositories"]!["github"]!);
    }

    [Fact]
    public async Task Reset_clears_the_world_but_keeps_configured_apps()
    {
        await using var sim = await SimHost.Start(o => o.PersonalAccessTokens.Add(new SimPersonalAccessToken { Provider = "gitlab", Token = "glpat-fixed" }));
        await sim.Seed("gitlab", 1, 3);
        await sim.Control("reset", new { });
        using var api = sim.Client("Bearer", "glpat-fixed");
        Assert.Empty((await api.GetFromJsonAsync<JsonArray>("/gitlab/api/v4/projects"))!);
    }
}
