using System.Text.Json;
using System.Text.Json.Nodes;
using Sh = IntegrationHub.ProviderSim.Tests.Infrastructure.Shape;

namespace IntegrationHub.ProviderSim.Tests.Shape;

/// <summary>
/// The Bitbucket Data Center read responses the hub's poll and connect flows use, against the same objects in the
/// webhook payloads of ../shared/fixtures/bitbucket-server (the poll reader feeds them to the webhook normalizer).
/// No fixture holds an activity envelope or a branch list; their documented fields the hub reads are checked by type.
/// </summary>
public sealed class BitbucketDataCenterReadShapeTests() : ReadShapeTestBase(BitbucketDataCenterShapeTests.World, "bitbucket-dc", "values")
{
    private const string Api = "/bitbucket-dc/rest/api/1.0/projects/PRJ1/repos/repo1";

    private static readonly string[] PullFiles = ["bitbucket-server/pr_opened.json", "bitbucket-server/pr_modified.json", "bitbucket-server/pr_merged.json",
        "bitbucket-server/pr_from_ref_updated.drone-go-scm.json", "bitbucket-server/pr_declined.json"];

    [Fact]
    public async Task Pull_requests_match_the_webhook_pullRequest()
    {
        foreach (var pr in await Values(Api + "/pull-requests?state=ALL&order=NEWEST&limit=50"))
        {
            Sh.Matches(pr, PullFiles, ["id", "title", "state", "createdDate", "updatedDate", "author.user.name", "fromRef.displayId", "fromRef.latestCommit",
                "toRef.displayId", "toRef.repository.slug", "toRef.repository.project.key", "links.self[].href"], fixtureRoot: "pullRequest");
        }
    }

    /// <summary>
    /// Activities: https://developer.atlassian.com/server/bitbucket/rest/v906/api-group-pull-requests/#api-api-latest-projects-projectkey-repos-repositoryslug-pull-requests-pullrequestid-activities-get.
    /// The comment and user inside are the webhook's <c>comment</c> and <c>actor</c>.
    /// </summary>
    [Fact]
    public async Task Activities_carry_the_webhook_comment_and_user()
    {
        var activities = await Values(Api + "/pull-requests/1/activities?limit=100");
        foreach (var a in activities)
        {
            Assert.Equal(JsonValueKind.Number, a!["id"]!.GetValueKind());
            Assert.Equal(JsonValueKind.Number, a["createdDate"]!.GetValueKind());
            Assert.Equal(JsonValueKind.String, a["action"]!.GetValueKind());
            Sh.Matches(a["user"], ["bitbucket-server/pr_opened.json"], ["name", "id", "displayName", "slug"], fixtureRoot: "actor");
        }

        var commented = activities.Single(a => (string?)a!["action"] == "COMMENTED")!;
        Assert.Equal("ADDED", (string?)commented["commentAction"]);
        Sh.Matches(commented["comment"], ["bitbucket-server/pr_comment_added.json", "bitbucket-server/pr_comment_edited.json"],
            ["id", "text", "author.name", "createdDate", "updatedDate"], fixtureRoot: "comment");

        var rescoped = activities.Single(a => (string?)a!["action"] == "RESCOPED")!;
        Assert.Equal(JsonValueKind.String, rescoped["fromHash"]!.GetValueKind());
        Assert.Equal(JsonValueKind.String, rescoped["previousFromHash"]!.GetValueKind());
    }

    /// <summary>
    /// A branch is the pull request's <c>fromRef</c> without the repository, plus <c>type</c>, <c>latestChangeset</c> and
    /// <c>isDefault</c>: https://developer.atlassian.com/server/bitbucket/rest/v906/api-group-repository/#api-api-latest-projects-projectkey-repos-repositoryslug-branches-get
    /// </summary>
    [Fact]
    public async Task Branches_match_the_pull_request_ref()
    {
        foreach (var branch in await Values(Api + "/branches?orderBy=MODIFICATION&limit=100"))
        {
            Sh.Matches(branch, ["bitbucket-server/pr_opened.json"], ["id", "displayId", "latestCommit"], ["type", "latestChangeset", "isDefault"], fixtureRoot: "pullRequest.fromRef");
            Assert.Equal("BRANCH", (string?)branch!["type"]);
        }
    }

    /// <summary>The hub learns its login from <c>X-AUSERNAME</c>, then reads <c>GET /users/{slug}</c>: the webhook's <c>actor</c>.</summary>
    [Fact]
    public async Task Current_user_matches_the_actor_object()
    {
        using var properties = await Client.GetAsync("/bitbucket-dc/rest/api/1.0/application-properties");
        var login = Assert.Single(properties.Headers.GetValues("X-AUSERNAME"));
        Sh.Matches(await Get("/bitbucket-dc/rest/api/1.0/users/" + Uri.EscapeDataString(login)), ["bitbucket-server/pr_opened.json", "bitbucket-server/repo_refs_changed.json"],
            ["name", "id", "displayName", "slug", "emailAddress", "active", "type", "links.self[].href"], fixtureRoot: "actor");
    }
}
