using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.GitHub;
using IntegrationHub.Providers.Poll;
using IntegrationHub.Providers.Tests.Api;

namespace IntegrationHub.Providers.Tests.Poll;

/// <summary>Where the change probe sends its query, and what moves its fingerprint.</summary>
public sealed class GitHubChangeProbeTests
{
    private const string GraphQl = "https://api.github.com/graphql";

    [Theory]
    [InlineData("https://api.github.com", "https://api.github.com/graphql")]
    [InlineData("https://ghe.example.com/api/v3", "https://ghe.example.com/api/graphql")]
    [InlineData("http://127.0.0.1:5100/github/api/v3", "http://127.0.0.1:5100/github/api/graphql")]
    public void The_query_goes_to_the_graphql_endpoint_beside_the_rest_root(string restRoot, string expected) =>
        Assert.Equal(new Uri(expected), GitHubChangeProbe.GraphQlUrl(new Uri(restRoot)));

    [Fact]
    public async Task The_fingerprint_moves_when_only_a_heads_check_and_status_rollup_moves()
    {
        var http = new CannedHttp()
            .On(HttpMethod.Post, GraphQl, HttpStatusCode.OK, Answer(main: null, feature: null))
            .On(HttpMethod.Post, GraphQl, HttpStatusCode.OK, Answer(main: null, feature: null))
            .On(HttpMethod.Post, GraphQl, HttpStatusCode.OK, Answer(main: "PENDING", feature: null))
            .On(HttpMethod.Post, GraphQl, HttpStatusCode.OK, Answer(main: "SUCCESS", feature: null))
            .On(HttpMethod.Post, GraphQl, HttpStatusCode.OK, Answer(main: "SUCCESS", feature: "FAILURE"));
        IChangeProbe probe = ProviderCatalog.For(ProviderKind.GitHub)
            .CreateChangeProbe(http.Client(), new ProviderConnectionInfo(null, "t0ken"), new TestClock())!;
        RepositoryRef[] repo = [new("7", "acme/app")];

        var seen = new List<string>();
        for (int i = 0; i < 5; i++)
        {
            seen.Add((await probe.ProbeAsync(repo, CancellationToken.None)).Fingerprints[0]!);
        }

        Assert.All(seen, f => Assert.StartsWith("gh2:", f, StringComparison.Ordinal));
        Assert.Equal(seen[0], seen[1]);
        Assert.Equal(4, seen.Skip(1).Distinct().Count());
        string query = (string)JsonNode.Parse(http.Requests[0].Body!)!["query"]!;
        Assert.Contains("defaultBranchRef { name target { oid ... on Commit { statusCheckRollup { state } } } }", query, StringComparison.Ordinal);
        Assert.Contains("nodes { name target { oid ... on Commit { statusCheckRollup { state } } } }", query, StringComparison.Ordinal);
    }

    /// <summary>The same repository, heads and times each time; only the rollup states differ.</summary>
    private static string Answer(string? main, string? feature)
    {
        static JsonObject Target(string oid, string? state) => new()
        {
            ["oid"] = oid,
            ["statusCheckRollup"] = state is null ? null : new JsonObject { ["state"] = state },
        };

        var repository = new JsonObject
        {
            ["databaseId"] = 7,
            ["nameWithOwner"] = "acme/app",
            ["pushedAt"] = "2025-06-01T11:00:00Z",
            ["defaultBranchRef"] = new JsonObject { ["name"] = "main", ["target"] = Target("aaa", main) },
            ["branches"] = new JsonObject
            {
                ["totalCount"] = 2,
                ["nodes"] = new JsonArray(
                    new JsonObject { ["name"] = "feature", ["target"] = Target("bbb", feature) },
                    new JsonObject { ["name"] = "main", ["target"] = Target("aaa", main) }),
            },
            ["tags"] = new JsonObject { ["totalCount"] = 0, ["nodes"] = new JsonArray() },
            ["pullRequests"] = new JsonObject { ["totalCount"] = 0, ["nodes"] = new JsonArray() },
            ["issues"] = new JsonObject { ["totalCount"] = 0, ["nodes"] = new JsonArray() },
            ["commitComments"] = new JsonObject { ["totalCount"] = 0 },
        };
        return new JsonObject { ["data"] = new JsonObject { ["rateLimit"] = new JsonObject { ["cost"] = 1 }, ["r0"] = repository } }.ToJsonString();
    }
}
