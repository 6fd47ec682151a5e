using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Tests.Infrastructure;

namespace IntegrationHub.ProviderSim.Tests.GitHub;

/// <summary>
/// GitHub's secondary limits per token, enforced only when <c>EnforceSecondaryLimits</c> is on: each is refused with
/// 403, a Retry-After to the end of its window and GitHub's message when on, and never when off. The clock is manual
/// (10:15:20, so a minute window ends in 40 s) and no window boundary falls inside a test.
/// </summary>
public sealed class GitHubSecondaryLimitsTests
{
    private const string Repo = "/github/api/v3/repos/acme1/repo1";
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 10, 15, 20, TimeSpan.Zero);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_REST_endpoint_takes_900_points_a_minute_reads_one_writes_five(bool enforce)
    {
        var time = new ManualTime(Start);
        await using var world = await World(time, enforce);
        var (sim, api) = (world.Sim, world.Api);
        await Calls(900, () => api.GetAsync(Repo + "/branches"), HttpStatusCode.OK);
        await Calls(180, () => api.DeleteAsync(Repo + "/git/refs/tags/none"), HttpStatusCode.UnprocessableEntity);

        using var read = await api.GetAsync(Repo + "/branches");
        using var write = await api.DeleteAsync(Repo + "/git/refs/tags/none");
        using var other = await api.GetAsync(Repo + "/pulls");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        if (!enforce)
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, write.StatusCode);
            return;
        }

        await AssertRefused(read, 40);
        await AssertRefused(write, 40);
        time.Advance(TimeSpan.FromSeconds(40));
        using var renewed = await api.GetAsync(Repo + "/branches");
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        Assert.Equal(2, (int)(await sim.Http.GetFromJsonAsync<JsonObject>("/_sim/state"))!["limitAnswers"]!["github"]!["secondary-endpoint-points"]!);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Content_creation_takes_80_a_minute_and_500_an_hour_hooks_included(bool enforce)
    {
        var time = new ManualTime(Start);
        await using var world = await World(time, enforce);
        var (sim, api) = (world.Sim, world.Api);
        var issue = (int)(await sim.Event("issue-open", new { provider = "github", repo = "acme1/repo1", title = "Bug" }))["number"]!;
        Task<HttpResponseMessage> Comment() => api.PostAsJsonAsync($"{Repo}/issues/{issue}/comments", new { body = "x" });
        await Calls(80, Comment, HttpStatusCode.Created);

        using var hook = await api.PostAsJsonAsync(Repo + "/hooks", new { name = "web", config = new { url = "http://127.0.0.1:9/hook", content_type = "json" } });
        if (!enforce)
        {
            Assert.Equal(HttpStatusCode.Created, hook.StatusCode);
            await Calls(1, Comment, HttpStatusCode.Created);
            return;
        }

        await AssertRefused(hook, 40);
        time.Advance(TimeSpan.FromSeconds(40));
        for (var minute = 0; minute < 5; minute++)
        {
            await Calls(80, Comment, HttpStatusCode.Created);
            time.Advance(TimeSpan.FromMinutes(1));
        }

        await Calls(20, Comment, HttpStatusCode.Created); // 500 this hour, 20 this minute
        using var refused = await Comment();
        await AssertRefused(refused, 39 * 60);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task GraphQL_takes_2000_points_a_minute_one_a_query(bool enforce)
    {
        var time = new ManualTime(Start);
        await using var world = await World(time, enforce);
        var (sim, api) = (world.Sim, world.Api);
        Task<HttpResponseMessage> Query() => api.PostAsJsonAsync(GitHubGraphQlProbe.Endpoint, new { query = "{ rateLimit { cost } }" });
        await Calls(2000, Query, HttpStatusCode.OK);

        using var last = await Query();
        using var rest = await api.GetAsync(Repo + "/branches");
        Assert.Equal(HttpStatusCode.OK, rest.StatusCode);
        if (!enforce)
        {
            Assert.Equal(HttpStatusCode.OK, last.StatusCode);
            return;
        }

        await AssertRefused(last, 40);
        time.Advance(TimeSpan.FromSeconds(40));
        using var renewed = await Query();
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_token_has_at_most_100_requests_in_flight(bool enforce)
    {
        await using var world = await World(new ManualTime(Start), enforce);
        var (sim, api) = (world.Sim, world.Api);
        await sim.SetFaults("github", new { latencyMs = 1500 });

        var answers = await Task.WhenAll(Enumerable.Range(0, 110).Select(i => i % 2 == 0
            ? api.GetAsync("/github/api/v3/user")
            : api.PostAsJsonAsync(GitHubGraphQlProbe.Endpoint, new { query = "{ rateLimit { cost } }" })));

        Assert.Equal(enforce ? 100 : 110, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        var refused = answers.Where(a => a.StatusCode != HttpStatusCode.OK).ToArray();
        Assert.Equal(enforce ? 10 : 0, refused.Length);
        foreach (var answer in refused) await AssertRefused(answer, 1);
    }

    private static Task<GitHubApiWorld> World(ManualTime time, bool enforce) =>
        GitHubApiWorld.Start(time, configure: o => o.EnforceSecondaryLimits = enforce);

    /// <summary>Makes <paramref name="count"/> calls, 50 at a time (well under the concurrency limit), each answered <paramref name="expected"/>.</summary>
    private static async Task Calls(int count, Func<Task<HttpResponseMessage>> call, HttpStatusCode expected)
    {
        for (var done = 0; done < count; done += 50)
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, Math.Min(50, count - done)).Select(_ => call()));
            foreach (var answer in answers)
            {
                Assert.True(answer.StatusCode == expected, $"{(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
                answer.Dispose();
            }
        }
    }

    private static async Task AssertRefused(HttpResponseMessage answer, int retryAfter)
    {
        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(retryAfter), answer.Headers.RetryAfter?.Delta);
        Assert.StartsWith("You have exceeded a secondary rate limit.", (string)JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["message"]!, StringComparison.Ordinal);
    }
}
