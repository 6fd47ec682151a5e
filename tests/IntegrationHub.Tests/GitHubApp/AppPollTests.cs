using IntegrationHub.Data;
using IntegrationHub.Jobs;
using IntegrationHub.ProviderAccess.GitHubApps;
using IntegrationHub.Providers.Events;
using IntegrationHub.Tests.Poll;
using IntegrationHub.Tests.World;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.GitHubApp;

/// <summary>
/// The 60-second poll takes app connections with their installation's token: it recovers what the lost app webhook
/// deliveries carried, and an installation deleted at GitHub (its installation.deleted delivery lost too) ends the
/// connection at the next poll.
/// </summary>
public sealed class AppPollTests
{
    private sealed record Polled(HubWorld World, PollSim Poll, KnownGitHubApp App, long InstallationId, Guid ConnectionId, Guid RepositoryId);

    /// <summary>An app connection on acme1/svc; the app's webhook goes to a closed port, so every delivery is lost.</summary>
    private static async Task<Polled> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var app = KnownGitHubApp.New();
        var world = await HubWorld.StartAsync(app.Options() with { Settings = PollSim.Options(settings).Settings });
        var repo = await world.ControlAsync("repos", new { provider = "github", owner = "acme1", name = "svc" });
        await app.RegisterAsync(world);
        long installation = await app.InstallAsync(world, "acme1", "acme1/svc");
        var connection = await app.ConnectionAsync(world, installation, "acme1");
        var repository = await world.RepositoryAsync(world.TenantId, connection, "acme1/svc", ((long)repo["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await world.ExecAsync("UPDATE repositories SET default_branch = 'main', first_seen_at = now() - interval '1 minute' WHERE id = $1", repository);
        return new Polled(world, new PollSim(world), app, installation, connection, repository);
    }

    [Fact]
    public async Task An_app_connections_repository_is_polled_and_a_push_no_delivery_carried_becomes_an_event()
    {
        var s = await StartAsync();
        await using var _ = s.World;
        Assert.Equal(PollOutcomes.Ok, Assert.Single(await s.Poll.CycleAsync()).Outcome); // the first look records where things stand

        await s.World.ControlAsync("events/push", new { provider = "github", repo = "acme1/svc", branch = "feature-a", commits = 2 });
        await s.Poll.MakeDueAsync();
        var polled = await s.Poll.CycleAsync();

        Assert.Equal((s.RepositoryId, PollOutcomes.Ok), Assert.Single(polled));
        var kinds = await s.World.QueryAsync("SELECT kind FROM events WHERE repository_id = $1 AND source = 'poll'", s.RepositoryId);
        Assert.Contains(nameof(EventKind.Push), kinds);
        // Read with the installation's ghs_ token, the only credential an app connection has.
        Assert.Equal(1L, await s.World.CountAsync("SELECT count(*) FROM github_installation_tokens WHERE installation_id = $1", s.InstallationId));
    }

    [Fact]
    public async Task A_revoked_installation_token_costs_the_change_probe_one_refused_call_and_it_probes_on_with_a_new_token()
    {
        // No full read by turn or hot window: an unchanged repository is probed only, so any REST read is the probe's failure.
        var settings = new Dictionary<string, string?> { ["Hub:Poll:IntervalSeconds"] = "600", ["Hub:Poll:FullReadSeconds"] = "6000", ["Hub:Poll:HotSeconds"] = "0" };
        var s = await StartAsync(settings);
        await using var _ = s.World;
        // A worker node polls: its provider calls are counted. Without the app delivery sweep, whose 10-minute run would
        // add its own listing to the counts below should it fall between them.
        var worker = await s.World.StartWorkerAsync("probe-node", new(s.App.Settings(s.World.SimUrl).Concat(settings)),
            services => RecurringJobSpec.Remove(services, "github-app-deliveries"));
        var poll = new PollSim(s.World, worker.Services);
        Assert.Equal(PollOutcomes.Ok, Assert.Single(await poll.CycleAsync()).Outcome); // first look: a token minted, the probe mark stored
        var tokens = worker.Services.GetRequiredService<InstallationTokens>();
        var platform = worker.Services.GetRequiredService<PlatformGitHubApp>().Credentials!;
        string held = (await tokens.GetAsync(platform, s.InstallationId, CancellationToken.None)).Token;
        // GitHub no longer takes the token the node holds (it was revoked, as DELETE /installation/token does).
        using (var sim = new HttpClient())
        using (var revoke = new HttpRequestMessage(HttpMethod.Delete, s.World.SimUrl + "/github/api/v3/installation/token"))
        {
            revoke.Headers.Authorization = new("Bearer", held);
            Assert.Equal(System.Net.HttpStatusCode.NoContent, (await sim.SendAsync(revoke)).StatusCode);
        }

        var before = s.World.Calls.Snapshot();
        Assert.Equal((s.RepositoryId, PollOutcomes.Ok), Assert.Single(await poll.CycleAsync()));
        var renewed = s.World.Calls.Since(before);
        before = s.World.Calls.Snapshot();
        Assert.Equal((s.RepositoryId, PollOutcomes.Ok), Assert.Single(await poll.CycleAsync()));
        var next = s.World.Calls.Since(before);

        // The refused probe, one mint, the probe again with the new token; no repository read in full.
        string mint = $"POST /github/api/v3/app/installations/{s.InstallationId}/access_tokens";
        Assert.Equal(new Dictionary<string, int> { ["POST /github/api/graphql"] = 2, [mint] = 1 }, renewed);
        Assert.NotEqual(held, (await tokens.GetAsync(platform, s.InstallationId, CancellationToken.None)).Token);
        Assert.Equal(new Dictionary<string, int> { ["POST /github/api/graphql"] = 1 }, next);
    }

    [Fact]
    public async Task An_installation_deleted_at_GitHub_disconnects_the_connection_at_the_next_poll_and_polling_stops()
    {
        var s = await StartAsync();
        await using var _ = s.World;
        Assert.Equal(PollOutcomes.Ok, Assert.Single(await s.Poll.CycleAsync()).Outcome); // a token minted and held for its hour
        // GitHub revokes the installation's tokens; the installation.deleted delivery goes to a closed port, as when it is lost.
        (await s.World.Sim.DeleteAsync($"/_sim/github/installations/{s.InstallationId}")).EnsureSuccessStatusCode();

        await s.Poll.MakeDueAsync();
        var polled = await s.Poll.CycleAsync();

        // The held token is refused (401), a new one is asked for, and GitHub answers the mint 404.
        Assert.Equal((s.RepositoryId, PollOutcomes.NotFound), Assert.Single(polled));
        Assert.Equal(ConnectionStatus.Disconnected, await s.World.TextAsync("SELECT status FROM connections WHERE id = $1", s.ConnectionId));
        Assert.Equal("The GitHub App was uninstalled on GitHub; install it again to reconnect.", await s.World.TextAsync("SELECT status_reason FROM connections WHERE id = $1", s.ConnectionId));
        Assert.Contains("404", await s.World.TextAsync(
            "SELECT detail FROM audit_log WHERE action = 'connection.uninstalled' AND target = $1", $"connection:{s.ConnectionId}"));
        await s.Poll.MakeDueAsync();
        Assert.Empty(await s.Poll.CycleAsync());
    }
}
