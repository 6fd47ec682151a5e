using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static IntegrationHub.ProviderSim.Tests.GitHub.GitHubGraphQlProbe;

namespace IntegrationHub.ProviderSim.Tests.GitHub;

/// <summary>A branch head's <c>... on Commit { statusCheckRollup { state } }</c>: its runs and statuses in one word, for no points.</summary>
public sealed class GitHubGraphQlRollupTests
{
    private const string Repo = "acme1/repo1";

    [Fact]
    public async Task A_heads_rollup_is_null_without_checks_and_else_its_runs_and_latest_statuses_combined()
    {
        await using var world = await GitHubApiWorld.Start();
        var (sim, api) = (world.Sim, world.Api);
        foreach (var branch in new[] { "queued", "passed", "failing", "settled" })
        {
            await sim.Event("branch", new { provider = "github", repo = Repo, branch });
        }

        await sim.Event("run", new { provider = "github", repo = Repo, branch = "queued", status = "queued" });
        await sim.Event("run", new { provider = "github", repo = Repo, branch = "passed", conclusion = "success" });
        await sim.Event("run", new { provider = "github", repo = Repo, branch = "failing", conclusion = "success" });
        await sim.Event("status", new { provider = "github", repo = Repo, branch = "failing", state = "failure", context = "lint" });
        await sim.Event("status", new { provider = "github", repo = Repo, branch = "settled", state = "pending", context = "deploy" });
        await sim.Event("status", new { provider = "github", repo = Repo, branch = "settled", state = "success", context = "deploy" });

        var r = (await Send(api, Body(Repo)))["data"]!["r0"]!;

        Assert.Null(r["defaultBranchRef"]!["target"]!["statusCheckRollup"]);
        Assert.Null(Rollup(r, "main"));
        Assert.Equal("PENDING", Rollup(r, "queued"));
        Assert.Equal("SUCCESS", Rollup(r, "passed"));
        Assert.Equal("FAILURE", Rollup(r, "failing"));
        Assert.Equal("SUCCESS", Rollup(r, "settled"));
        var runs = (await api.GetFromJsonAsync<JsonObject>($"/github/api/v3/repos/{Repo}/actions/runs?branch=queued"))!["workflow_runs"]!.AsArray();
        Assert.Equal("queued", (string)runs.Single()!["status"]!);
        Assert.Null(runs.Single()!["conclusion"]);
    }

    [Fact]
    public async Task The_rollup_is_an_object_not_a_connection_so_the_probe_costs_what_it_did()
    {
        await using var world = await GitHubApiWorld.Start(repos: 50);
        var repos = Enumerable.Range(1, 50).Select(i => $"acme1/repo{i}").ToArray();
        var without = RepoFields.Replace(" ... on Commit { statusCheckRollup { state } }", "", StringComparison.Ordinal);
        Assert.NotEqual(RepoFields, without);

        var plain = (await Send(world.Api, Body(without, repos)))["data"]!["rateLimit"]!;
        var rolled = (await Send(world.Api, Body(repos)))["data"]!["rateLimit"]!;

        Assert.Equal(3, (int)plain["cost"]!);
        Assert.Equal(3, (int)rolled["cost"]!);
        Assert.Equal((long)plain["nodeCount"]!, (long)rolled["nodeCount"]!);
    }

    [Fact]
    public async Task Inline_fragments_apply_by_type_and_bad_ones_answer_GitHubs_errors()
    {
        await using var world = await GitHubApiWorld.Start();
        var api = world.Api;
        await world.Sim.Event("status", new { provider = "github", repo = Repo, state = "error", context = "ci" });
        static object Q(string target) => new { query = $"{{ r: repository(owner: \"acme1\", name: \"repo1\") {{ defaultBranchRef {{ target {{ {target} }} }} }} }}" };

        var ok = await Send(api, Q("__typename ... on GitObject { abbreviatedOid } ... on Commit { statusCheckRollup { state __typename } }"));
        var target = ok["data"]!["r"]!["defaultBranchRef"]!["target"]!;
        Assert.Equal("Commit", (string)target["__typename"]!);
        Assert.Equal(7, ((string)target["abbreviatedOid"]!).Length);
        Assert.Equal("""{"state":"ERROR","__typename":"StatusCheckRollup"}""", target["statusCheckRollup"]!.ToJsonString());

        var direct = await Send(api, Q("statusCheckRollup { state }"));
        Assert.Null(direct["data"]);
        Assert.Equal("Field 'statusCheckRollup' doesn't exist on type 'GitObject'", FirstError(direct, "message"));
        Assert.Equal("Fragment on Issue can't be spread inside GitObject", FirstError(await Send(api, Q("... on Issue { number }")), "message"));
        Assert.Equal("No such type Nope, so it can't be a fragment condition", FirstError(await Send(api, Q("... on Nope { oid }")), "message"));
        Assert.Equal("Field 'nope' doesn't exist on type 'Commit'", FirstError(await Send(api, Q("... on Commit { nope }")), "message"));
        var named = await Send(api, Q("...CommitFields"));
        Assert.Null(named["data"]);
        Assert.NotNull(named["errors"]![0]!["locations"]);
    }

    private static string? Rollup(JsonNode repo, string branch) =>
        (string?)repo["branches"]!["nodes"]!.AsArray().Single(b => (string)b!["name"]! == branch)!["target"]!["statusCheckRollup"]?["state"];
}
