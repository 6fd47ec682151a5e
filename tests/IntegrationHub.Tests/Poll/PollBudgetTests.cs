using IntegrationHub.Poll;
using IntegrationHub.Providers.Api;
using IntegrationHub.Settings;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Tests.Poll;

/// <summary>Pacing against GitHub's 5,000 calls per hour: by the observed cost of a steady-state poll, never by a guess.</summary>
public sealed class PollBudgetTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(60);

    [Fact]
    public void Pace_keeps_the_interval_until_a_steady_state_poll_was_observed_and_while_polls_cost_only_304s()
    {
        var (budget, target) = Setup();
        Assert.Equal(Interval, budget.Pace(target, Interval));

        // After the first look nearly every answer is a 304, which GitHub does not bill.
        budget.Observe(target.ConnectionId, Snapshot(), billedCalls: 0);
        Assert.Equal(Interval, budget.Pace(target, Interval));
    }

    [Fact]
    public void Pace_stretches_the_interval_when_the_observed_cost_would_exhaust_the_quota_before_the_reset()
    {
        var (budget, target) = Setup();
        budget.Observe(target.ConnectionId, Snapshot(), billedCalls: 7);

        // 50 repositories x 7 billed calls x 60 polls an hour = 21,000 > the 3,000 left above the 20 % reserve.
        Assert.True(budget.Pace(target, Interval) > TimeSpan.FromSeconds(300));
    }

    private static (PollBudget Budget, PollTarget Target) Setup()
    {
        var budget = new PollBudget(Options.Create(new PollOptions()), TimeProvider.System);
        var now = DateTimeOffset.UtcNow;
        var target = new PollTarget(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "github", "https://api.github.com", "1", "acme/svc", null, "main",
            now.AddHours(-1), false, null, null, null, null, null, null, now, 0, 4000, now.AddHours(1), 50);
        return (budget, target);
    }

    private static RateLimitSnapshot Snapshot() => new(5000, 4000, DateTimeOffset.UtcNow.AddHours(1), DateTimeOffset.UtcNow);
}
