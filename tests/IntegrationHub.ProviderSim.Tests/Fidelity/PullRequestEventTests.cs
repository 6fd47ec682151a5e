using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.ProviderSim.Tests.Fidelity;

/// <summary>
/// Pull request updates and merges produce the events the real providers send: an edit is not a source-branch update,
/// new commits are (with the previous head), and a merge pushes the merge commit to the target branch.
/// </summary>
public sealed class PullRequestEventTests
{
    public static TheoryData<string, string, string> EditAndPushEvents => new()
    {
        { "github", "pull_request.edited", "pull_request.synchronize" },
        { "gitlab", "Merge Request Hook", "Merge Request Hook" },
        { "bitbucket", "pullrequest:updated", "pullrequest:updated" },
        { "bitbucket-dc", "pr:modified", "pr:from_ref_updated" },
        { "azure-devops", "git.pullrequest.updated", "git.pullrequest.updated" },
    };

    [Theory]
    [MemberData(nameof(EditAndPushEvents))]
    public async Task Title_edit_is_an_edit_and_new_commits_are_a_source_update(string provider, string edited, string synchronized)
    {
        await using var w = await FidelityWorld.Create(provider);
        await w.Event("pull-request-open", new() { ["branch"] = "feature", ["title"] = "Old title" });
        var openHead = (string)(await w.Sim.Event("pull-request-update", new { provider, repo = w.Repo, number = 1, push = true }))["sha"]!;
        await w.Received();
        w.Rx.Requests.Clear();

        await w.Event("pull-request-update", new() { ["number"] = 1, ["title"] = "New title" });
        var edits = await w.Received();
        var edit = Assert.Single(edits, x => x.Name == edited).Body;
        Assert.DoesNotContain(edits, x => x.Name.Contains("push", StringComparison.OrdinalIgnoreCase) || x.Name == "repo:refs_changed");
        switch (provider)
        {
            case "github":
                Assert.Equal("Old title", (string?)edit["changes"]!["title"]!["from"]);
                break;
            case "gitlab":
                Assert.Equal("update", (string?)edit["object_attributes"]!["action"]);
                Assert.Null(edit["object_attributes"]!["oldrev"]);
                Assert.Equal("Old title", (string?)edit["changes"]!["title"]!["previous"]);
                break;
            case "bitbucket-dc":
                Assert.Equal("Old title", (string?)edit["previousTitle"]);
                break;
        }

        w.Rx.Requests.Clear();
        var after = await w.Sim.Event("push", new { provider, repo = w.Repo, branch = "feature" });
        var pushed = await w.Received();
        var sync = Assert.Single(pushed, x => x.Name == synchronized).Body;
        switch (provider)
        {
            case "github":
                Assert.Equal(openHead, (string?)sync["before"]);
                Assert.Equal((string?)after["sha"], (string?)sync["after"]);
                break;
            case "gitlab":
                Assert.Equal(openHead, (string?)sync["object_attributes"]!["oldrev"]);
                Assert.Equal((string?)after["sha"], (string?)sync["object_attributes"]!["last_commit"]!["id"]);
                break;
            case "bitbucket-dc":
                Assert.Equal(openHead, (string?)sync["previousFromHash"]);
                break;
            case "azure-devops":
                Assert.Equal((string?)after["sha"], (string?)sync["resource"]!["lastMergeSourceCommit"]!["commitId"]);
                break;
        }
    }

    public static TheoryData<string, string, string> MergeEvents => new()
    {
        { "github", "pull_request.closed", "push" },
        { "gitlab", "Merge Request Hook", "Push Hook" },
        { "bitbucket", "pullrequest:fulfilled", "repo:push" },
        { "bitbucket-dc", "pr:merged", "repo:refs_changed" },
        { "azure-devops", "git.pullrequest.merged", "git.push" },
    };

    [Theory]
    [MemberData(nameof(MergeEvents))]
    public async Task Merge_pushes_the_merge_commit_to_the_target_branch(string provider, string merged, string push)
    {
        await using var w = await FidelityWorld.Create(provider);
        await w.Event("pull-request-open", new() { ["branch"] = "feature", ["title"] = "Feature" });
        await w.Received();
        w.Rx.Requests.Clear();

        var merge = await w.Event("pull-request-merge", new() { ["number"] = 1 });
        var received = await w.Received();
        Assert.Contains(received, x => x.Name == merged);
        var body = Assert.Single(received, x => x.Name == push).Body;
        var mergeSha = provider switch
        {
            "github" => (string)body["after"]!,
            "gitlab" => (string)body["checkout_sha"]!,
            "bitbucket" => (string)body["push"]!["changes"]![0]!["new"]!["target"]!["hash"]!,
            "bitbucket-dc" => (string)body["changes"]![0]!["toHash"]!,
            _ => (string)body["resource"]!["refUpdates"]![0]!["newObjectId"]!,
        };
        Assert.Contains(merge["deliveries"]!.AsArray(), d => (string?)d!["event"] == push);
        Assert.Equal(mergeSha, await PolledHead(w));
    }

    /// <summary>The head of main (Azure: the newest push's new object) as each provider's read API reports it.</summary>
    private static async Task<string> PolledHead(FidelityWorld w)
    {
        async Task<JsonNode> Get(string path) => (await w.Api.GetFromJsonAsync<JsonNode>(path))!;
        return w.Provider switch
        {
            "github" => (string)(await Get("/github/api/v3/repos/acme1/repo1/branches")).AsArray().First(b => (string?)b!["name"] == "main")!["commit"]!["sha"]!,
            "gitlab" => (string)(await Get("/gitlab/api/v4/projects/group1%2Frepo1/repository/commits?ref_name=main"))[0]!["id"]!,
            "bitbucket" => (string)(await Get("/bitbucket/2.0/repositories/ws1/repo1/refs/branches?q=name%3D%22main%22"))["values"]![0]!["target"]!["hash"]!,
            "bitbucket-dc" => (string)(await Get("/bitbucket-dc/rest/api/1.0/projects/PRJ1/repos/repo1/branches/default"))["latestCommit"]!,
            _ => (string)(await Get("/azure-devops/contoso/proj1/_apis/git/repositories/repo1/pushes?searchCriteria.includeRefUpdates=true"))["value"]![0]!["refUpdates"]![0]!["newObjectId"]!,
        };
    }
}
