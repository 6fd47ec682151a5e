using IntegrationHub.Data;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Poll;

public sealed class PollFailureTests
{
    [Theory]
    [InlineData("github")]
    [InlineData("gitlab")]
    public async Task A_poll_that_fails_midway_loses_nothing_and_repeats_nothing(string provider)
    {
        await using var world = await HubWorld.StartAsync(PollSim.Options());
        var poll = new PollSim(world);
        SimRepo repo = await poll.AddRepositoryAsync(provider, "svc");
        await world.FaultAsync(provider, new { dropDeliveries = 1.0 });
        await poll.CycleAsync();
        await PollScript.PhaseOneAsync(world, repo);
        await world.SimDeliveriesIdleAsync();

        // Every third API answer is a 502: streams fail part-way, cycle after cycle, until the fault is lifted.
        await world.FaultAsync(provider, new { dropDeliveries = 1.0, serverErrors = 0.34, serverErrorStatus = 502 });
        var outcomes = new List<string>();
        for (int i = 0; i < 4; i++)
        {
            outcomes.AddRange((await poll.CycleAsync()).Select(p => p.Outcome));
        }

        await world.FaultAsync(provider, new { dropDeliveries = 1.0 });
        await poll.CycleAsync();

        Assert.Contains(outcomes, o => o is PollOutcomes.Partial or PollOutcomes.Error);
        HashSet<string> expected = await PollScript.WebhookKeysAsync(world, repo);
        var stored = await world.QueryAsync("SELECT natural_key FROM events WHERE repository_id = $1", r => r.GetString(0), repo.RepositoryId);
        Assert.Empty(expected.Except(stored));
        long recovered = (await world.QueryAsync("SELECT recovered_by_poll_count FROM hooks WHERE id = $1", r => r.GetInt64(0), repo.HookId)).Single();
        Assert.Equal(stored.Count, recovered);
    }
}
