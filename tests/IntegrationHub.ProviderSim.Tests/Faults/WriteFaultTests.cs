using System.Net;
using System.Net.Http.Json;
using IntegrationHub.ProviderSim.Tests.Infrastructure;

namespace IntegrationHub.ProviderSim.Tests.Faults;

/// <summary>Writes spend the rate-limit budget and meet the faults like any other API call, and a refused write stores nothing.</summary>
public sealed class WriteFaultTests
{
    [Fact]
    public async Task GitHub_secondary_limit_refuses_a_comment_with_retry_after_and_stores_nothing()
    {
        await using var sim = await SimHost.Start();
        await sim.Seed("github", 1, 1, ownerPrefix: "acme");
        await sim.Event("pull-request-open", new { provider = "github", repo = "acme1/repo1", branch = "feature", title = "PR" });
        using var api = sim.Client("Bearer", await sim.Pat("github", null, "repo"));
        await sim.SetFaults("github", new { rateLimit = "secondary", rateLimitStatus = 403, retryAfterSeconds = 30 });
        using var refused = await api.PostAsJsonAsync("/github/api/v3/repos/acme1/repo1/issues/1/comments", new { body = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("30", refused.Headers.GetValues("Retry-After").Single());
        Assert.Empty(await sim.Comments("github", "acme1/repo1"));
    }

    [Fact]
    public async Task GitLab_write_spends_the_budget_and_the_next_call_gets_429()
    {
        await using var sim = await SimHost.Start();
        await sim.Seed("gitlab", 1, 1, ownerPrefix: "group");
        await sim.Event("pull-request-open", new { provider = "gitlab", repo = "group1/repo1", branch = "feature", title = "MR" });
        using var api = sim.Client("Bearer", await sim.Pat("gitlab", null, "api"));
        await sim.SetFaults("gitlab", new { apiBudget = 1 });
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/gitlab/api/v4/projects/group1%2Frepo1/merge_requests/1/notes", new { body = "first" })).StatusCode);
        using var refused = await api.PostAsJsonAsync("/gitlab/api/v4/projects/group1%2Frepo1/merge_requests/1/notes", new { body = "second" });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));
        Assert.Equal(["first"], (await sim.Comments("gitlab", "group1/repo1")).Select(c => (string)c!["body"]!));
    }

    [Fact]
    public async Task Bitbucket_server_errors_hit_writes_and_store_nothing()
    {
        await using var sim = await SimHost.Start();
        await sim.Seed("bitbucket", 1, 1, ownerPrefix: "ws");
        var pull = await sim.Event("pull-request-open", new { provider = "bitbucket", repo = "ws1/repo1", branch = "feature", title = "PR" });
        using var api = sim.Client("Bearer", await sim.Pat("bitbucket"));
        await sim.SetFaults("bitbucket", new { serverErrors = 1.0, serverErrorStatus = 503 });
        using var failed = await api.PostAsJsonAsync($"/bitbucket/2.0/repositories/ws1/repo1/commit/{pull["sha"]}/statuses/build", new { key = "K", state = "SUCCESSFUL", url = "https://ci.example" });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Empty(await sim.Statuses("bitbucket", "ws1/repo1"));
    }
}
