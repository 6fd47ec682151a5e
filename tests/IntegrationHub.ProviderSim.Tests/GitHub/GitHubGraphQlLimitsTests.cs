using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Tests.Infrastructure;
using static IntegrationHub.ProviderSim.Tests.GitHub.GitHubGraphQlProbe;

namespace IntegrationHub.ProviderSim.Tests.GitHub;

/// <summary>What GitHub's GraphQL endpoint refuses and charges: authentication, syntax, pagination and node limits, points.</summary>
public sealed class GitHubGraphQlLimitsTests
{
    private static string Header(HttpResponseMessage r, string name) => r.Headers.GetValues(name).Single();

    [Fact]
    public async Task Cost_is_the_connections_requests_over_100_and_the_graphql_budget_is_apart_from_REST()
    {
        var time = new ManualTime(new DateTimeOffset(2026, 1, 5, 10, 15, 0, TimeSpan.Zero));
        await using var world = await GitHubApiWorld.Start(time, repos: 50);
        var (sim, api) = (world.Sim, world.Api);
        var repos = Enumerable.Range(1, 50).Select(i => $"acme1/repo{i}").ToArray();

        // 50 repositories x 5 connections = 250 requests: 2.5 points, rounded to 3.
        using var response = await api.PostAsJsonAsync(Endpoint, Body(repos));
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Null(answer["errors"]);
        var rateLimit = answer["data"]!["rateLimit"]!;
        Assert.Equal(3, (int)rateLimit["cost"]!);
        Assert.Equal(5000, (int)rateLimit["limit"]!);
        Assert.Equal(3, (int)rateLimit["used"]!);
        Assert.Equal(4997, (int)rateLimit["remaining"]!);
        Assert.Equal("2026-01-05T11:00:00Z", (string)rateLimit["resetAt"]!);
        Assert.Equal(50 * (100 + 1 + 1 + 1 + 1), (int)rateLimit["nodeCount"]!);
        Assert.Equal("graphql", Header(response, "X-RateLimit-Resource"));
        Assert.Equal("4997", Header(response, "X-RateLimit-Remaining"));
        Assert.Equal("3", Header(response, "X-RateLimit-Used"));

        // One repository: 5 requests, under 1 point, so 1.
        var one = await Send(api, Body("acme1/repo1"));
        Assert.Equal(1, (int)one["data"]!["rateLimit"]!["cost"]!);
        Assert.Equal(4, (int)one["data"]!["rateLimit"]!["used"]!);

        using var rest = await api.GetAsync("/github/api/v3/user");
        Assert.Equal("core", Header(rest, "X-RateLimit-Resource"));
        Assert.Equal("1", Header(rest, "X-RateLimit-Used"));
    }

    [Fact]
    public async Task Spent_budget_answers_200_with_RATE_LIMITED_and_remaining_zero()
    {
        var time = new ManualTime(new DateTimeOffset(2026, 1, 5, 10, 15, 0, TimeSpan.Zero));
        await using var world = await GitHubApiWorld.Start(time);
        var (sim, api) = (world.Sim, world.Api);
        await sim.SetFaults("github", new { apiBudget = 2 });
        for (var i = 0; i < 2; i++) Assert.NotNull((await Send(api, Body("acme1/repo1")))["data"]!["r0"]);

        using var refused = await api.PostAsJsonAsync(Endpoint, Body("acme1/repo1"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var answer = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Null(answer["data"]);
        Assert.Equal("RATE_LIMITED", FirstError(answer));
        Assert.Equal("0", Header(refused, "X-RateLimit-Remaining"));
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 11, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), Header(refused, "X-RateLimit-Reset"));
        Assert.Equal(1, (int)(await sim.Http.GetFromJsonAsync<JsonObject>("/_sim/state"))!["limitAnswers"]!["github"]!["graphql-primary"]!);

        using var rest = await api.GetAsync("/github/api/v3/user");
        Assert.Equal(HttpStatusCode.OK, rest.StatusCode);

        time.Advance(TimeSpan.FromMinutes(45));
        Assert.NotNull((await Send(api, Body("acme1/repo1")))["data"]!["r0"]);
    }

    [Fact]
    public async Task Pagination_and_node_limits_refuse_the_whole_query()
    {
        await using var world = await GitHubApiWorld.Start();
        var (sim, api) = (world.Sim, world.Api);

        var excessive = await Send(api, new { query = "{ repository(owner: \"a\", name: \"b\") { refs(refPrefix: \"refs/heads/\", first: 101) { totalCount } } }" });
        Assert.Null(excessive["data"]);
        Assert.Equal("EXCESSIVE_PAGINATION", FirstError(excessive));

        var missing = await Send(api, new { query = "{ repository(owner: \"a\", name: \"b\") { issues { totalCount } } }" });
        Assert.Equal("MISSING_PAGINATION_BOUNDARIES", FirstError(missing));

        // 5,001 connections of 100 nodes: 500,100 nodes, over GitHub's 500,000.
        var query = new StringBuilder("{");
        for (var i = 0; i <= 5000; i++) query.Append($" r{i}: repository(owner: \"a\", name: \"b\") {{ refs(refPrefix: \"refs/heads/\", first: 100) {{ totalCount }} }}");
        var tooMany = await Send(api, new { query = query.Append('}').ToString() });
        Assert.Equal("MAX_NODE_LIMIT_EXCEEDED", FirstError(tooMany));
        Assert.Contains("500,100", FirstError(tooMany, "message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parse_errors_and_unknown_fields_are_200_with_errors_and_a_body_that_is_not_JSON_is_400()
    {
        await using var world = await GitHubApiWorld.Start();
        var (sim, api) = (world.Sim, world.Api);

        var broken = await Send(api, new { query = "query {\n  rateLimit { cost \n}" });
        Assert.Null(broken["data"]);
        Assert.Contains("Parse error", FirstError(broken, "message"), StringComparison.Ordinal);
        Assert.Equal(3, (int)broken["errors"]![0]!["locations"]![0]!["line"]!);

        var unknown = await Send(api, new { query = "{ viewer { login } }" });
        Assert.Equal("Field 'viewer' doesn't exist on type 'Query'", FirstError(unknown, "message"));

        var undeclared = await Send(api, new { query = "{ repository(owner: $o, name: \"x\") { id } }", variables = new { o = "a" } });
        Assert.Contains("$o", FirstError(undeclared, "message"), StringComparison.Ordinal);

        using var notJson = await api.PostAsync(Endpoint, new StringContent("query { rateLimit { cost } }", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal("Problems parsing JSON", (string)JsonNode.Parse(await notJson.Content.ReadAsStringAsync())!["message"]!);
    }

    [Fact]
    public async Task No_token_or_a_bad_one_is_401_as_GitHub_answers()
    {
        await using var sim = await SimHost.Start();
        using var none = await sim.Http.PostAsJsonAsync(Endpoint, new { query = "{ rateLimit { cost } }" });
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("This endpoint requires you to be authenticated.", (string)JsonNode.Parse(await none.Content.ReadAsStringAsync())!["message"]!);

        using var bad = await sim.Client("Bearer", "ghp_nope").PostAsJsonAsync(Endpoint, new { query = "{ rateLimit { cost } }" });
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        Assert.Equal("Bad credentials", (string)JsonNode.Parse(await bad.Content.ReadAsStringAsync())!["message"]!);
    }
}
