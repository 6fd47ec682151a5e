using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.ProviderSim.Tests.Fidelity;

/// <summary>The Bitbucket Cloud and Data Center read endpoints a poll needs: branches, commit statuses, pull request activities.</summary>
public sealed class BitbucketFidelityTests
{
    [Fact]
    public async Task Cloud_lists_branches_paged_and_commit_statuses_including_pipelines()
    {
        await using var w = await FidelityWorld.Create("bitbucket");
        for (var i = 0; i < 3; i++) await w.Event("branch", new() { ["branch"] = $"topic-{i}" });
        const string Repo = "/bitbucket/2.0/repositories/ws1/repo1";
        var names = new List<string>();
        var next = Repo + "/refs/branches?pagelen=2";
        while (next is not null)
        {
            var page = (await w.Api.GetFromJsonAsync<JsonNode>(next))!;
            Assert.Equal(4, (int)page["size"]!);
            names.AddRange(page["values"]!.AsArray().Select(b => (string)b!["name"]!));
            next = (string?)page["next"];
        }

        Assert.Equal(["main", "topic-0", "topic-1", "topic-2"], names);
        var run = await w.Event("run", new() { ["branch"] = "topic-1", ["name"] = "Build", ["conclusion"] = "failure" });
        var sha = (string)run["sha"]!;
        await w.Event("status", new() { ["sha"] = sha, ["state"] = "success", ["context"] = "ext/lint" });
        var statuses = (await w.Api.GetFromJsonAsync<JsonNode>($"{Repo}/commit/{sha}/statuses"))!["values"]!.AsArray();
        Assert.Equal(["ext/lint", "pipelines-1"], statuses.Select(s => (string)s!["key"]!).Order());
        Assert.Equal("FAILED", (string?)statuses.First(s => (string?)s!["key"] == "pipelines-1")!["state"]);
    }

    [Fact]
    public async Task Data_center_lists_pull_request_activities_newest_first_and_branches()
    {
        await using var w = await FidelityWorld.Create("bitbucket-dc");
        await w.Event("pull-request-open", new() { ["branch"] = "feature", ["title"] = "First" });
        await w.Event("comment", new() { ["number"] = 1, ["body"] = "Looks good" });
        await w.Event("push", new() { ["branch"] = "feature" });
        await w.Event("pull-request-update", new() { ["number"] = 1, ["title"] = "Second" });
        await w.Event("pull-request-merge", new() { ["number"] = 1 });
        const string Repo = "/bitbucket-dc/rest/api/1.0/projects/PRJ1/repos/repo1";

        var activities = (await w.Api.GetFromJsonAsync<JsonNode>($"{Repo}/pull-requests/1/activities"))!["values"]!.AsArray();
        Assert.Equal(["MERGED", "UPDATED", "RESCOPED", "COMMENTED", "OPENED"], activities.Select(a => (string)a!["action"]!));
        Assert.Equal("Looks good", (string?)activities[3]!["comment"]!["text"]);
        Assert.Equal("ADDED", (string?)activities[3]!["commentAction"]);
        Assert.Equal("First", (string?)activities[1]!["previousTitle"]);
        Assert.NotEqual((string?)activities[2]!["previousFromHash"], (string?)activities[2]!["fromHash"]);

        var branches = (await w.Api.GetFromJsonAsync<JsonNode>($"{Repo}/branches?orderBy=ALPHABETICAL&limit=1"))!;
        Assert.False((bool)branches["isLastPage"]!);
        Assert.Equal("refs/heads/feature", (string?)branches["values"]![0]!["id"]);
        var main = (await w.Api.GetFromJsonAsync<JsonNode>($"{Repo}/branches?filterText=mai"))!["values"]!.AsArray();
        Assert.True((bool)Assert.Single(main)!["isDefault"]!);
    }
}
