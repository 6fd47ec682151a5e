using System.Net;
using IntegrationHub.Poll;
using IntegrationHub.Providers;
using IntegrationHub.Providers.Api;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Poll;

/// <summary>How long a connection whose change probe was refused for its rate limit goes unprobed.</summary>
public sealed class SpentProbeBudgetsTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_rate_limit_refusal_holds_the_probe_until_its_reset_and_no_longer()
    {
        var clock = new ManualClock(Start);
        var spent = new SpentProbeBudgets(clock);
        var connection = Guid.NewGuid();

        Assert.Equal(Start.AddMinutes(10), spent.Remember(connection, Refusal(ProviderApiErrorKind.RateLimited, Start.AddMinutes(10))));

        Assert.True(spent.IsSpent(connection));
        Assert.False(spent.IsSpent(Guid.NewGuid()));
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.False(spent.IsSpent(connection));
    }

    [Fact]
    public void A_refusal_without_a_reset_holds_it_a_minute_and_one_beyond_an_hour_is_not_believed()
    {
        var clock = new ManualClock(Start);
        var spent = new SpentProbeBudgets(clock);
        Guid unnamed = Guid.NewGuid(), far = Guid.NewGuid();

        spent.Remember(unnamed, Refusal(ProviderApiErrorKind.RateLimited, null));
        Assert.Equal(Start.AddHours(1), spent.Remember(far, Refusal(ProviderApiErrorKind.RateLimited, Start.AddDays(1))));

        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.True(spent.IsSpent(unnamed));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(spent.IsSpent(unnamed));
        Assert.True(spent.IsSpent(far));
        clock.Advance(TimeSpan.FromMinutes(59));
        Assert.False(spent.IsSpent(far));
    }

    [Fact]
    public void Any_other_failure_is_tried_again_next_time()
    {
        var spent = new SpentProbeBudgets(new ManualClock(Start));
        var connection = Guid.NewGuid();

        Assert.Null(spent.Remember(connection, Refusal(ProviderApiErrorKind.Server, Start.AddMinutes(10))));

        Assert.False(spent.IsSpent(connection));
    }

    private static ProviderApiException Refusal(ProviderApiErrorKind kind, DateTimeOffset? retryAt) =>
        new(ProviderKind.GitHub, kind, "github: POST /graphql: refused", HttpStatusCode.OK, null, retryAt);
}
