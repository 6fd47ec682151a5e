using IntegrationHub.Poll;

namespace IntegrationHub.Tests.Poll;

/// <summary>A connection's probed repositories are kept due together, whatever each one's history, so one probe asks many.</summary>
public sealed class ProbeGroupsTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(60);

    [Fact]
    public void A_connections_repositories_fall_due_at_four_instants_between_half_and_one_and_a_half_intervals_ahead()
    {
        var connection = Guid.NewGuid();
        var now = new DateTimeOffset(2026, 12, 6, 12, 0, 0, 123, TimeSpan.Zero);
        // Histories differ (one fell far behind, one is early, one failed and retried off its group): the next instants do not.
        var next = Enumerable.Range(0, 400).Select(i => ProbeGroups.Next(Target(connection, now.AddSeconds(-(i % 7) * 37)), Interval, now.AddMilliseconds(i % 5)))
            .ToList();

        Assert.Equal(4, next.Distinct().Count());
        Assert.All(next, n => Assert.InRange(n, now + (Interval / 2), now + (Interval * 1.5)));
        var instants = next.Distinct().Order().ToList();
        Assert.All(instants.Zip(instants.Skip(1)), pair => Assert.Equal(Interval / 4, pair.Second - pair.First)); // a quarter apart
    }

    [Fact]
    public void A_repository_polled_on_time_stays_on_its_grid_one_interval_later()
    {
        var target = Target(Guid.NewGuid(), DateTimeOffset.UnixEpoch);
        var now = new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
        DateTimeOffset first = ProbeGroups.Next(target, Interval, now);

        Assert.Equal(first + Interval, ProbeGroups.Next(target, Interval, first.AddMilliseconds(40)));
    }

    private static PollTarget Target(Guid connection, DateTimeOffset nextPollAt) => new(Guid.NewGuid(), Guid.NewGuid(), connection, "github",
        "https://github.com", "1", "acme/svc", null, "main", nextPollAt.AddDays(-1), false, null, null, null, null, null, null, nextPollAt, 0, null, null, 100);
}
