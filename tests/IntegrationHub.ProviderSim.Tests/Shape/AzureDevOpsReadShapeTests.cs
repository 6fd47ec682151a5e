using System.Text.Json;
using System.Text.Json.Nodes;
using Sh = IntegrationHub.ProviderSim.Tests.Infrastructure.Shape;

namespace IntegrationHub.ProviderSim.Tests.Shape;

/// <summary>
/// The Azure DevOps read responses the hub's poll and connect flows use, against the same objects in the service hook
/// payloads of ../shared/fixtures/azure-devops: a notification's <c>resource</c> is the REST object.
/// </summary>
public sealed class AzureDevOpsReadShapeTests() : ReadShapeTestBase(AzureDevOpsShapeTests.World, "azure-devops", "value")
{
    private const string Repo = "/azure-devops/contoso/proj1/_apis/git/repositories/repo1";
    private const string Version = "api-version=7.1";

    [Fact]
    public async Task Pull_requests_match_the_notification_resource()
    {
        foreach (var pr in await Values($"{Repo}/pullrequests?searchCriteria.status=all&$top=100&{Version}"))
        {
            Sh.Matches(pr, ["azure-devops/docs/git.pullrequest.created.json", "azure-devops/git.pullrequest.created.json", "azure-devops/git.pullrequest.updated.json",
                "azure-devops/git.pullrequest.merged.json"], ["pullRequestId", "status", "title", "creationDate", "sourceRefName", "targetRefName",
                "lastMergeSourceCommit.commitId", "createdBy.displayName", "createdBy.uniqueName", "repository.id", "repository.name", "repository.project.id"],
                fixtureRoot: "resource");
        }
    }

    [Fact]
    public async Task Thread_comments_match_the_comment_event()
    {
        var threads = await Values($"{Repo}/pullrequests/1/threads?{Version}");
        foreach (var thread in threads)
        {
            Assert.Equal(JsonValueKind.Number, thread!["id"]!.GetValueKind());
            var comments = thread["comments"]!.AsArray();
            Assert.NotEmpty(comments);
            foreach (var comment in comments)
            {
                Sh.Matches(comment, ["azure-devops/ms.vss-code.git-pullrequest-comment-event.drone-go-scm.json"],
                    ["id", "parentCommentId", "author.displayName", "author.uniqueName", "content", "publishedDate", "commentType"], fixtureRoot: "resource.comment");
            }
        }
    }

    [Fact]
    public async Task Pushes_match_the_push_notification_resource()
    {
        foreach (var push in await Values($"{Repo}/pushes?searchCriteria.fromDate=2000-01-01T00:00:00Z&searchCriteria.includeRefUpdates=true&$top=100&{Version}"))
        {
            Sh.Matches(push, ["azure-devops/docs/git.push.json", "azure-devops/git.push.json"], ["pushId", "date", "url", "refUpdates[].name",
                "refUpdates[].oldObjectId", "refUpdates[].newObjectId", "pushedBy.displayName", "pushedBy.uniqueName", "repository.id"], fixtureRoot: "resource");
        }
    }

    [Fact]
    public async Task Pushes_carry_their_ref_updates_only_when_asked()
    {
        var plain = await Values($"{Repo}/pushes?searchCriteria.fromDate=2000-01-01T00:00:00Z&{Version}");
        Assert.NotEmpty(plain);
        Assert.All(plain, push => Assert.Null(push!["refUpdates"]));
    }

    [Fact]
    public async Task Builds_match_the_build_notification_resource()
    {
        string[] modern = [.. AzureDevOpsShapeTests.ModernBuild.Select(k => k["resource.".Length..])];
        var builds = await Values($"/azure-devops/contoso/proj1/_apis/build/builds?repositoryType=TfsGit&queryOrder=finishTimeAscending&minTime=2000-01-01T00:00:00Z&{Version}");
        foreach (var build in builds)
        {
            Sh.Matches(build, ["azure-devops/build.complete.json"], ["id", "status", "finishTime", "buildNumber", "url"], modern, fixtureRoot: "resource");
            Assert.Equal(JsonValueKind.String, build!["result"]!.GetValueKind());
            Assert.Equal(JsonValueKind.String, build["sourceVersion"]!.GetValueKind());
            Assert.Equal(JsonValueKind.String, build["repository"]!["id"]!.GetValueKind());
        }
    }

    /// <summary>
    /// No fixture holds <c>_apis/connectionData</c> (undocumented, answered by every organization and by Azure DevOps
    /// Server); the hub reads <c>authenticatedUser.id</c>, <c>providerDisplayName</c> and <c>properties.Account.$value</c>.
    /// </summary>
    [Fact]
    public async Task Connection_data_carries_the_identity_fields_the_hub_reads()
    {
        var user = (await Get("/azure-devops/contoso/_apis/connectionData"))["authenticatedUser"]!;
        Assert.True(Guid.TryParse((string?)user["id"], out _));
        Assert.Equal(JsonValueKind.String, user["providerDisplayName"]!.GetValueKind());
        Assert.Equal("System.String", (string?)user["properties"]!["Account"]!["$type"]);
        Assert.Contains("@", (string?)user["properties"]!["Account"]!["$value"], StringComparison.Ordinal);
    }
}
