using IntegrationHub.ProviderSim.Tests.Infrastructure;

namespace IntegrationHub.ProviderSim.Tests.GitHub;

/// <summary>The simulator on a manual clock (or the real one) with acme1/repo1..N and a PAT client of the demo user.</summary>
internal sealed class GitHubApiWorld(SimHost sim, HttpClient api) : IAsyncDisposable
{
    public SimHost Sim { get; } = sim;
    public HttpClient Api { get; } = api;

    public static async Task<GitHubApiWorld> Start(ManualTime? time = null, int repos = 1, Action<SimulatorOptions>? configure = null)
    {
        var sim = await SimHost.Start(o =>
        {
            o.TimeProvider = time ?? TimeProvider.System;
            configure?.Invoke(o);
        });
        await sim.Seed("github", 1, repos, ownerPrefix: "acme");
        return new GitHubApiWorld(sim, sim.Client("Bearer", await sim.Pat("github", null, "repo")));
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Sim.DisposeAsync();
    }
}
