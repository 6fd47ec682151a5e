using System.Globalization;
using System.Net;
using IntegrationHub.ProviderSim.Tests.Infrastructure;

namespace IntegrationHub.ProviderSim.Tests.Faults;

/// <summary>
/// The opt-in <c>apiBudget</c> fault: the token's budget is spent call by call and then refused the provider's way
/// until the window resets. The clock is manual so no window boundary falls inside a test.
/// </summary>
public sealed class ApiBudgetTests
{
    private static string Header(HttpResponseMessage r, string name) => r.Headers.GetValues(name).Single();

    [Fact]
    public async Task GitHub_refuses_with_403_once_the_budget_is_spent_until_the_reset()
    {
        var time = new ManualTime(new DateTimeOffset(2026, 1, 5, 10, 15, 0, TimeSpan.Zero));
        await using var sim = await SimHost.Start(o => o.TimeProvider = time);
        using var api = sim.Client("Bearer", await sim.Pat("github", null, "repo"));
        await sim.SetFaults("github", new { apiBudget = 2 });

        using (var first = await api.GetAsync("/github/api/v3/user"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal("2", Header(first, "X-RateLimit-Limit"));
            Assert.Equal("1", Header(first, "X-RateLimit-Remaining"));
        }

        using (var second = await api.GetAsync("/github/api/v3/user"))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
            Assert.Equal("0", Header(second, "X-RateLimit-Remaining"));
        }

        using var refused = await api.GetAsync("/github/api/v3/user");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("0", Header(refused, "X-RateLimit-Remaining"));
        Assert.Equal("2", Header(refused, "X-RateLimit-Used"));
        Assert.Equal("core", Header(refused, "X-RateLimit-Resource"));
        var reset = DateTimeOffset.FromUnixTimeSeconds(long.Parse(Header(refused, "X-RateLimit-Reset"), CultureInfo.InvariantCulture));
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 11, 0, 0, TimeSpan.Zero), reset);
        Assert.Contains("API rate limit exceeded", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        time.Advance(reset - time.GetUtcNow());
        using var renewed = await api.GetAsync("/github/api/v3/user");
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        Assert.Equal("1", Header(renewed, "X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task GitLab_refuses_with_429_and_retry_after_once_the_budget_is_spent()
    {
        var time = new ManualTime(new DateTimeOffset(2026, 1, 5, 10, 15, 20, TimeSpan.Zero));
        await using var sim = await SimHost.Start(o => o.TimeProvider = time);
        using var api = sim.Client("Bearer", await sim.Pat("gitlab", null, "api"));
        await sim.SetFaults("gitlab", new { apiBudget = 2 });

        for (var i = 0; i < 2; i++)
        {
            using var ok = await api.GetAsync("/gitlab/api/v4/user");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal("2", Header(ok, "RateLimit-Limit"));
        }

        using var refused = await api.GetAsync("/gitlab/api/v4/user");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("40", Header(refused, "Retry-After"));
        Assert.Equal("0", Header(refused, "RateLimit-Remaining"));
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 10, 16, 0, TimeSpan.Zero).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), Header(refused, "RateLimit-Reset"));
        Assert.Equal("throttle_authenticated_api", Header(refused, "RateLimit-Name"));

        time.Advance(TimeSpan.FromSeconds(40));
        using var renewed = await api.GetAsync("/gitlab/api/v4/user");
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
    }
}
