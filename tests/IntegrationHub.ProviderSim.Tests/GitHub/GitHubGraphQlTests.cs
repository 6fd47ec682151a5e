using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Tests.Infrastructure;
using static IntegrationHub.ProviderSim.Tests.GitHub.GitHubGraphQlProbe;

namespace IntegrationHub.ProviderSim.Tests.GitHub;

/// <summary>The change probe over <c>POST /github/api/graphql</c>: its values agree with the REST API's and move with the world.</summary>
public sealed class GitHubGraphQlTests
{
    private const string Api = "/github/api/v3";
    private const string Repo = "acme1/repo1";

    [Fact]
    public async Task Probe_answers_what_the_REST_API_answers_for_the_same_repository()
    {
        var time = new ManualTime(new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero));
        await using var world = await GitHubApiWorld.Start(time);
        var (sim, api) = (world.Sim, world.Api);
        await sim.Event("branch", new { provider = "github", repo = Repo, branch = "feature" });
        time.Advance(TimeSpan.FromMinutes(1));
        await sim.Event("push", new { provider = "github", repo = Repo, branch = "feature", commits = 2 });
        var pull = (int)(await sim.Event("pull-request-open", new { provider = "github", repo = Repo, branch = "feature", title = "Feature" }))["number"]!;
        time.Advance(TimeSpan.FromMinutes(1));
        var issue = (int)(await sim.Event("issue-open", new { provider = "github", repo = Repo, title = "Bug" }))["number"]!;
        var main = (await api.GetFromJsonAsync<JsonArray>($"{Api}/repos/{Repo}/branches"))!.Single(b => (string)b!["name"]! == "main")!;
        (await api.PostAsJsonAsync($"{Api}/repos/{Repo}/git/refs", new { @ref = "refs/tags/v1", sha = (string)main["commit"]!["sha"]! })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync($"{Api}/repos/{Repo}/commits/main/comments", new { body = "Nice" })).EnsureSuccessStatusCode();

        var r = (await Send(api, Body(Repo)))["data"]!["r0"]!;

        var rest = (await api.GetFromJsonAsync<JsonObject>($"{Api}/repos/{Repo}"))!;
        Assert.Equal((long)rest["id"]!, (long)r["databaseId"]!);
        Assert.Equal(Repo, (string)r["nameWithOwner"]!);
        Assert.Equal((string)rest["pushed_at"]!, (string)r["pushedAt"]!);
        Assert.Equal((string)rest["updated_at"]!, (string)r["updatedAt"]!);
        var branches = (await api.GetFromJsonAsync<JsonArray>($"{Api}/repos/{Repo}/branches"))!;
        Assert.Equal(branches.Select(b => ((string)b!["name"]!, (string)b["commit"]!["sha"]!)),
            r["branches"]!["nodes"]!.AsArray().Select(b => ((string)b!["name"]!, (string)b["target"]!["oid"]!)));
        Assert.Equal(2, (int)r["branches"]!["totalCount"]!);
        Assert.Equal("main", (string)r["defaultBranchRef"]!["name"]!);
        Assert.Equal((string)main["commit"]!["sha"]!, (string)r["defaultBranchRef"]!["target"]!["oid"]!);
        var pulls = (await api.GetFromJsonAsync<JsonArray>($"{Api}/repos/{Repo}/pulls?state=all&sort=updated&direction=desc"))!;
        Assert.Equal(pull, (int)r["pullRequests"]!["nodes"]![0]!["number"]!);
        Assert.Equal((string)pulls[0]!["updated_at"]!, (string)r["pullRequests"]!["nodes"]![0]!["updatedAt"]!);
        Assert.Equal(pulls.Count, (int)r["pullRequests"]!["totalCount"]!);
        var issues = (await api.GetFromJsonAsync<JsonArray>($"{Api}/repos/{Repo}/issues?state=all"))!.Where(i => i!["pull_request"] is null).ToArray();
        Assert.Equal(issue, (int)r["issues"]!["nodes"]![0]!["number"]!);
        Assert.Equal((string)issues[0]!["updated_at"]!, (string)r["issues"]!["nodes"]![0]!["updatedAt"]!);
        Assert.Equal(issues.Length, (int)r["issues"]!["totalCount"]!);
        var tags = (await api.GetFromJsonAsync<JsonArray>($"{Api}/repos/{Repo}/tags"))!;
        Assert.Equal(tags.Count, (int)r["tags"]!["totalCount"]!);
        Assert.Equal("v1", (string)r["tags"]!["nodes"]![0]!["name"]!);
        Assert.Equal((await api.GetFromJsonAsync<JsonArray>($"{Api}/repos/{Repo}/comments"))!.Count, (int)r["commitComments"]!["totalCount"]!);
    }

    [Fact]
    public async Task A_push_a_comment_and_a_new_pull_request_move_their_fields_only()
    {
        var time = new ManualTime(new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero));
        await using var world = await GitHubApiWorld.Start(time);
        var (sim, api) = (world.Sim, world.Api);
        var issue = (int)(await sim.Event("issue-open", new { provider = "github", repo = Repo, title = "Bug" }))["number"]!;
        await sim.Event("branch", new { provider = "github", repo = Repo, branch = "feature" });
        var before = (await Send(api, Body(Repo)))["data"]!["r0"]!;

        time.Advance(TimeSpan.FromMinutes(1));
        await sim.Event("push", new { provider = "github", repo = Repo, branch = "main", commits = 1 });
        var pushed = (await Send(api, Body(Repo)))["data"]!["r0"]!;
        Assert.NotEqual(Oid(before, "main"), Oid(pushed, "main"));
        Assert.Equal(Oid(before, "feature"), Oid(pushed, "feature"));
        Assert.NotEqual((string)before["pushedAt"]!, (string)pushed["pushedAt"]!);
        Assert.Equal(before["issues"]!.ToJsonString(), pushed["issues"]!.ToJsonString());

        time.Advance(TimeSpan.FromMinutes(1));
        await sim.Event("comment", new { provider = "github", repo = Repo, on = "issue", number = issue, body = "Still broken" });
        var commented = (await Send(api, Body(Repo)))["data"]!["r0"]!;
        Assert.Equal(issue, (int)commented["issues"]!["nodes"]![0]!["number"]!);
        Assert.Equal("2026-01-05T10:02:00Z", (string)commented["issues"]!["nodes"]![0]!["updatedAt"]!);
        Assert.Equal(pushed["branches"]!.ToJsonString(), commented["branches"]!.ToJsonString());

        time.Advance(TimeSpan.FromMinutes(1));
        var pull = (int)(await sim.Event("pull-request-open", new { provider = "github", repo = Repo, branch = "feature", title = "Feature" }))["number"]!;
        var opened = (await Send(api, Body(Repo)))["data"]!["r0"]!;
        Assert.Equal(0, (int)commented["pullRequests"]!["totalCount"]!);
        Assert.Equal(1, (int)opened["pullRequests"]!["totalCount"]!);
        Assert.Equal(pull, (int)opened["pullRequests"]!["nodes"]![0]!["number"]!);
        Assert.Equal(commented["issues"]!.ToJsonString(), opened["issues"]!.ToJsonString());
    }

    [Fact]
    public async Task An_unknown_or_invisible_repository_is_null_with_a_NOT_FOUND_error_beside_the_others()
    {
        await using var world = await GitHubApiWorld.Start();
        var (sim, api) = (world.Sim, world.Api);
        await sim.Control("repos", new { provider = "github", owner = "secret", name = "vault", user = "someone", @private = true });

        var answer = await Send(api, Body(Repo, "acme1/nope", "secret/vault"));

        Assert.Equal(Repo, (string)answer["data"]!["r0"]!["nameWithOwner"]!);
        Assert.Null(answer["data"]!["r1"]);
        Assert.Null(answer["data"]!["r2"]);
        var errors = answer["errors"]!.AsArray();
        Assert.Equal(["r1", "r2"], errors.Select(e => (string)e!["path"]![0]!));
        Assert.All(errors, e => Assert.Equal("NOT_FOUND", (string)e!["type"]!));
        Assert.Contains("acme1/nope", (string)errors[0]!["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Literal_arguments_and_state_filters_work_without_variables()
    {
        await using var world = await GitHubApiWorld.Start();
        var (sim, api) = (world.Sim, world.Api);
        await sim.Event("branch", new { provider = "github", repo = Repo, branch = "feature" });
        await sim.Event("pull-request-open", new { provider = "github", repo = Repo, branch = "feature", title = "Feature" });
        var answer = await Send(api, new
        {
            query = """
                # a comment, then literals only
                { r: repository(owner: "acme1", name: "repo1") {
                    nameWithOwner __typename
                    open: pullRequests(first: 5, states: [OPEN]) { totalCount nodes { state } }
                    done: pullRequests(last: 5, states: [CLOSED, MERGED]) { totalCount } } }
                """,
        });
        Assert.Equal("""{"data":{"r":{"nameWithOwner":"acme1/repo1","__typename":"Repository","open":{"totalCount":1,"nodes":[{"state":"OPEN"}]},"done":{"totalCount":0}}}}""",
            answer.ToJsonString());
    }

    private static string Oid(JsonNode repo, string branch) =>
        (string)repo["branches"]!["nodes"]!.AsArray().Single(b => (string)b!["name"]! == branch)!["target"]!["oid"]!;
}
