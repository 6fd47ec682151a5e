using System.Diagnostics;
using System.Net;
using IntegrationHub.ProviderSim.Tests.Infrastructure;

namespace IntegrationHub.ProviderSim.Tests.Faults;

public sealed class ApiFaultTests
{
    [Fact]
    public async Task Server_errors_hit_the_api_but_not_the_control_api()
    {
        await using var sim = await SimHost.Start();
        using var api = sim.Client("Bearer", await sim.Pat("github", null, "repo"));
        await sim.SetFaults("github", new { serverErrors = 1.0, serverErrorStatus = 503 });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await api.GetAsync("/github/api/v3/user")).StatusCode);
        await sim.Seed("github", 1, 1);
        await sim.SetFaults("github", new { serverErrors = 0.5 });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) statuses.Add((await api.GetAsync("/github/api/v3/user")).StatusCode);
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.BadGateway));
    }

    [Fact]
    public async Task GitHub_primary_rate_limit_answers_403_with_remaining_zero()
    {
        await using var sim = await SimHost.Start();
        using var api = sim.Client("Bearer", await sim.Pat("github", null, "repo"));
        await sim.SetFaults("github", new { rateLimit = "primary", rateLimitStatus = 403 });
        using var response = await api.GetAsync("/github/api/v3/user");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("0", response.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.Equal("5000", response.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.True(long.Parse(response.Headers.GetValues("X-RateLimit-Reset").Single()) > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Equal("core", response.Headers.GetValues("X-RateLimit-Resource").Single());
        Assert.NotNull(response.Headers.GetValues("X-RateLimit-Used").Single());
    }

    [Fact]
    public async Task GitHub_secondary_rate_limit_answers_429_with_retry_after()
    {
        await using var sim = await SimHost.Start();
        using var api = sim.Client("Bearer", await sim.Pat("github", null, "repo"));
        await sim.SetFaults("github", new { rateLimit = "secondary", rateLimitStatus = 429, retryAfterSeconds = 30 });
        using var response = await api.GetAsync("/github/api/v3/user");
        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter!.Delta);
    }

    [Theory]
    [InlineData("gitlab", "/gitlab/api/v4/user", "RateLimit-Remaining")]
    [InlineData("bitbucket", "/bitbucket/2.0/user", null)]
    [InlineData("bitbucket-dc", "/bitbucket-dc/rest/api/1.0/repos", "X-RateLimit-Limit")]
    [InlineData("azure-devops", "/azure-devops/contoso/_apis/projects", "X-RateLimit-Resource")]
    public async Task Rate_limit_answers_429_with_the_providers_headers(string provider, string path, string? header)
    {
        await using var sim = await SimHost.Start();
        using var api = sim.Client("Bearer", await sim.Pat(provider));
        await sim.SetFaults(provider, new { rateLimit = "primary", retryAfterSeconds = 7 });
        using var response = await api.GetAsync(path);
        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        if (header is not null)
        {
            Assert.True(response.Headers.Contains(header), $"{header} missing");
            Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter!.Delta);
        }
    }

    [Fact]
    public async Task Latency_slows_api_calls()
    {
        await using var sim = await SimHost.Start();
        using var api = sim.Client("Bearer", await sim.Pat("gitlab"));
        await sim.SetFaults("gitlab", new { latencyMs = 300 });
        var clock = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/gitlab/api/v4/user")).StatusCode);
        Assert.True(clock.ElapsedMilliseconds >= 280, $"took {clock.ElapsedMilliseconds} ms");
    }
}
