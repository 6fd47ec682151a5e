using IntegrationHub.Data;
using IntegrationHub.Poll;
using IntegrationHub.Providers;
using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.Poll;
using Microsoft.Extensions.DependencyInjection;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Poll;

/// <summary>A poll that outlived its lease must not write over the poll that took the repository over.</summary>
public sealed class PollLeaseTests
{
    [Fact]
    public async Task Poll_that_lost_its_lease_stores_no_events_and_moves_no_cursor()
    {
        await using var world = await HubWorld.StartAsync(PollSim.Options());
        var poll = new PollSim(world);
        SimRepo repo = await poll.AddRepositoryAsync("github", "svc");
        await poll.CycleAsync();
        await poll.MakeDueAsync();
        var scheduler = poll.Services.GetRequiredService<PollScheduler>();
        PollTarget stale = Assert.Single(await scheduler.ClaimAsync("node-a", 10, CancellationToken.None));
        // node-a overran: its lease expired, node-b claimed the repository and its poll moved the feed cursor on.
        await world.ExecAsync("UPDATE poll_state SET lease_until = now() - interval '1 second' WHERE repository_id = $1", repo.RepositoryId);
        PollTarget fresh = Assert.Single(await scheduler.ClaimAsync("node-b", 10, CancellationToken.None));
        await world.ExecAsync("UPDATE poll_cursors SET cursor = '1000' WHERE repository_id = $1 AND stream = 'feed'", repo.RepositoryId);

        var recorder = poll.Services.GetRequiredService<PollRecorder>();
        var late = new PollReadResult
        {
            Events = [Event(repo)],
            Cursors = new Dictionary<string, PollStreamCursor> { [PollStreams.Feed] = new("5", null) },
        };
        var verdict = new PollVerdict(PollOutcomes.Ok, null, DateTimeOffset.UtcNow.AddMinutes(1), Polled: true, Failed: false, 10);
        int stored = await recorder.RecordAsync(stale, late, verdict, "node-a", CancellationToken.None);

        Assert.Equal(0, stored);
        Assert.Empty(await world.QueryAsync("SELECT natural_key FROM events WHERE natural_key = 'lease-test'", r => r.GetString(0)));
        Assert.Equal("1000", Assert.Single(await world.QueryAsync("SELECT cursor FROM poll_cursors WHERE repository_id = $1 AND stream = 'feed'", r => r.GetString(0), repo.RepositoryId)));
        Assert.Equal("node-b", Assert.Single(await world.QueryAsync("SELECT leased_by FROM poll_state WHERE repository_id = $1", r => r.GetString(0), repo.RepositoryId)));

        // The lease holder still writes.
        Assert.Equal(1, await poll.Services.GetRequiredService<PollRecorder>().RecordAsync(fresh, late, verdict, "node-b", CancellationToken.None));
        Assert.Equal("5", Assert.Single(await world.QueryAsync("SELECT cursor FROM poll_cursors WHERE repository_id = $1 AND stream = 'feed'", r => r.GetString(0), repo.RepositoryId)));
    }

    private static NormalizedEvent Event(SimRepo repo) => new()
    {
        Provider = ProviderKind.GitHub,
        Kind = EventKind.IssueOpened,
        NaturalKey = "lease-test",
        Repository = new EventRepository("1", repo.FullName, null),
        OccurredAt = DateTimeOffset.UtcNow,
    };
}
