using IntegrationHub.Poll;
using IntegrationHub.Settings;

namespace IntegrationHub.Tests.Poll;

/// <summary>When a probed repository is read in full anyway: what the probe cannot see still gets read, in turn.</summary>
public sealed class FullReadRuleTests
{
    private static readonly PollOptions Options = new() { IntervalSeconds = 60, FullReadSeconds = 600, HotSeconds = 300, MaxFullReadsPerConnectionPerCycle = 600 };
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_mark_reads_back_as_written()
    {
        var mark = new ProbeMark("gh1:abc", Now, Now.AddMinutes(5));
        Assert.Equal(mark, ProbeMark.Parse(mark.Write()));
        Assert.Null(ProbeMark.Parse("gh1:abc"));
        Assert.Null(ProbeMark.Parse(null));
    }

    [Fact]
    public void A_moved_fingerprint_makes_the_repository_hot_and_an_unmoved_one_keeps_its_window()
    {
        var before = new ProbeMark("gh1:old", Now.AddMinutes(-3), Now.AddMinutes(-1));
        Assert.Equal(Now.AddSeconds(300), ProbeMark.After(before, "gh1:new", Now, TimeSpan.FromSeconds(300)).HotUntil);
        Assert.Equal(before.HotUntil, ProbeMark.After(before, "gh1:old", Now, TimeSpan.FromSeconds(300)).HotUntil);
        Assert.Equal(Now, ProbeMark.After(null, "gh1:first", Now, TimeSpan.FromSeconds(300)).HotUntil); // a first look is not a change
    }

    [Fact]
    public void Nothing_stored_nothing_seen_a_moved_fingerprint_a_hot_window_or_a_failure_read_in_full()
    {
        var target = Target(Guid.NewGuid());
        var mark = new ProbeMark("gh1:a", Now.AddSeconds(-40), Now.AddSeconds(-40));
        Assert.True(FullReadRule.Needed(null, "gh1:a", target, Now, Options));
        Assert.True(FullReadRule.Needed(mark, null, target, Now, Options));
        Assert.True(FullReadRule.Needed(mark, "gh1:b", target, Now, Options));
        Assert.True(FullReadRule.Needed(mark with { HotUntil = Now.AddSeconds(1) }, "gh1:a", target, Now, Options));
        Assert.True(FullReadRule.Needed(mark, "gh1:a", target with { ConsecutiveFailures = 1 }, Now, Options));
        Assert.False(FullReadRule.Needed(mark with { FullReadAt = Now.AddSeconds(-10) }, "gh1:a", target, Now, Options)); // never twice in half an interval
    }

    [Fact]
    public void Unmoved_repositories_take_turns_a_tenth_each_cycle_and_none_waits_past_a_round_and_a_half()
    {
        var targets = Enumerable.Range(0, 2000).Select(_ => Target(Guid.NewGuid())).ToList();
        foreach (var target in targets)
        {
            var turns = Enumerable.Range(0, 10).Count(cycle =>
                FullReadRule.Needed(new ProbeMark("gh1:a", Now.AddMinutes(cycle - 1), Now.AddHours(-1)), "gh1:a", target, Now.AddMinutes(cycle), Options));
            Assert.Equal(1, turns); // once per round of ten cycles, whichever cycle is its turn
            Assert.True(FullReadRule.Needed(new ProbeMark("gh1:a", Now.AddMinutes(-15), Now.AddHours(-1)), "gh1:a", target, Now, Options));
        }

        int thisCycle = targets.Count(t => FullReadRule.Needed(new ProbeMark("gh1:a", Now.AddMinutes(-5), Now.AddHours(-1)), "gh1:a", t, Now, Options));
        Assert.InRange(thisCycle, 140, 260); // about 200 of 2,000
    }

    [Fact]
    public void A_connection_with_more_repositories_than_a_token_may_read_a_minute_gets_a_longer_round()
    {
        Assert.Equal(10, FullReadRule.Slices(Target(Guid.NewGuid()) with { RepositoriesOnConnection = 5000 }, Options));
        Assert.Equal(34, FullReadRule.Slices(Target(Guid.NewGuid()) with { RepositoriesOnConnection = 20000 }, Options));
    }

    private static PollTarget Target(Guid repositoryId) => new(repositoryId, Guid.NewGuid(), Guid.NewGuid(), "github", "https://github.com",
        "1", "acme/svc", null, "main", Now.AddDays(-1), false, null, null, null, null, null, null, Now, 0, null, null, 100);
}
