using IntegrationHub.Data;
using IntegrationHub.Poll;
using Microsoft.Extensions.DependencyInjection;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Poll;

public sealed class PollSchedulingTests
{
    [Fact]
    public async Task Two_worker_nodes_never_poll_the_same_repository_in_the_same_cycle()
    {
        await using var world = await HubWorld.StartAsync(PollSim.Options(new() { ["Hub:Poll:BatchSize"] = "2" }));
        var poll = new PollSim(world);
        var repos = new List<SimRepo>();
        for (int i = 0; i < 6; i++)
        {
            repos.Add(await poll.AddRepositoryAsync("github", $"svc{i}"));
        }

        await poll.Services.GetRequiredService<PollScheduler>().SyncAsync(CancellationToken.None);
        await poll.MakeDueAsync();
        var runner = poll.Services.GetRequiredService<PollRunner>();
        var both = await Task.WhenAll(runner.RunCycleAsync("node-a", CancellationToken.None), runner.RunCycleAsync("node-b", CancellationToken.None));

        var a = both[0].Select(x => x.RepositoryId).ToList();
        var b = both[1].Select(x => x.RepositoryId).ToList();
        Assert.Empty(a.Intersect(b));
        Assert.Equal(repos.Select(r => r.RepositoryId).Order(), a.Concat(b).Order());
        Assert.Equal(a.Count, a.Distinct().Count());
        Assert.Equal(b.Count, b.Distinct().Count());
    }

    [Fact]
    public async Task A_repository_whose_hook_is_not_there_yet_is_polled_all_the_same()
    {
        // Hook creation is paced under GitHub's 80 a minute: a large connection's last hooks come minutes after discovery.
        // The poll asks for no hook, so those repositories are kept in sync meanwhile.
        await using var world = await HubWorld.StartAsync(PollSim.Options());
        var poll = new PollSim(world);
        SimRepo repo = await poll.AddRepositoryAsync("github", "waiting");
        await world.ExecAsync("DELETE FROM hooks WHERE id = $1", repo.HookId);
        await world.FaultAsync("github", new { dropDeliveries = 1.0 });
        await poll.CycleAsync();

        await world.ControlAsync("events/push", new { provider = "github", repo = repo.FullName, branch = "feature-a", commits = 1 });
        var polled = await poll.CycleAsync();

        Assert.Equal(PollOutcomes.Ok, Assert.Single(polled).Outcome);
        Assert.NotEmpty(await world.QueryAsync("SELECT natural_key FROM events WHERE repository_id = $1", r => r.GetString(0), repo.RepositoryId));
    }

    [Fact]
    public async Task Rate_limit_answers_postpone_the_poll_to_the_reset_instead_of_failing_it()
    {
        await using var world = await HubWorld.StartAsync(PollSim.Options());
        var poll = new PollSim(world);
        SimRepo repo = await poll.AddRepositoryAsync("gitlab", "svc");
        await world.FaultAsync("gitlab", new { rateLimit = "primary", rateLimitStatus = 429, retryAfterSeconds = 120 });

        var polled = await poll.CycleAsync();

        Assert.Equal(PollOutcomes.RateLimited, Assert.Single(polled).Outcome);
        var state = (await world.QueryAsync("SELECT consecutive_failures, next_poll_at > now() + interval '60 seconds', lease_until IS NULL FROM poll_state WHERE repository_id = $1",
            r => (Failures: r.GetInt32(0), Postponed: r.GetBoolean(1), Released: r.GetBoolean(2)), repo.RepositoryId)).Single();
        Assert.Equal(0, state.Failures);
        Assert.True(state.Postponed);
        Assert.True(state.Released);
    }

    [Fact]
    public async Task A_repository_that_cannot_be_polled_is_marked_and_does_not_block_the_others()
    {
        await using var world = await HubWorld.StartAsync(PollSim.Options());
        var poll = new PollSim(world);
        SimRepo gone = await poll.AddRepositoryAsync("github", "gone");
        SimRepo fine = await poll.AddRepositoryAsync("github", "fine");
        await world.ExecAsync("UPDATE repositories SET full_path = 'acme/missing' WHERE id = $1", gone.RepositoryId);

        var polled = (await poll.CycleAsync()).ToDictionary(p => p.RepositoryId, p => p.Outcome);

        Assert.Equal(PollOutcomes.NotFound, polled[gone.RepositoryId]);
        Assert.Equal(PollOutcomes.Ok, polled[fine.RepositoryId]);
        var error = (await world.QueryAsync("SELECT last_error FROM poll_state WHERE repository_id = $1", r => r.GetString(0), gone.RepositoryId)).Single();
        Assert.Contains("404", error, StringComparison.Ordinal);
    }
}
