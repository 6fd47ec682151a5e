using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Sh = IntegrationHub.ProviderSim.Tests.Infrastructure.Shape;

namespace IntegrationHub.ProviderSim.Tests.Shape;

/// <summary>Azure DevOps payloads and responses against ../shared/fixtures/azure-devops.</summary>
public sealed class AzureDevOpsShapeTests : IAsyncLifetime
{
    private const string Org = "/azure-devops/contoso";

    /// <summary>
    /// Every notification carries <c>subscriptionId</c> and <c>notificationId</c> (only the real comment delivery
    /// shows them; the docs samples omit them). https://learn.microsoft.com/azure/devops/service-hooks/services/webhooks
    /// </summary>
    private static readonly string[] Envelope = ["subscriptionId", "notificationId"];

    /// <summary>Basic credentials are Web Hooks consumer inputs (https://learn.microsoft.com/azure/devops/service-hooks/services/webhooks); the fixture's subscription set none.</summary>
    private static readonly string[] BasicAuth = ["value[].consumerInputs.basicAuthUsername", "value[].consumerInputs.basicAuthPassword"];

    private ShapeWorld _w = null!;
    private HttpClient _api = null!;

    public async Task InitializeAsync()
    {
        _w = await World();
        _api = await ShapeWorld.ApiClient(_w.Sim, "azure-devops");
    }

    /// <summary>One repository with a subscription per event type and one of every event; shared with <see cref="AzureDevOpsReadShapeTests"/>.</summary>
    internal static Task<ShapeWorld> World() => ShapeWorld.Create("azure-devops", async (sim, url, api) =>
    {
        var repo = (await api.GetFromJsonAsync<JsonNode>(Org + "/proj1/_apis/git/repositories"))!["value"]![0]!;
        foreach (var eventType in new[] { "git.push", "git.pullrequest.created", "git.pullrequest.updated", "ms.vss-code.git-pullrequest-comment-event", "build.complete" })
        {
            (await api.PostAsJsonAsync(Org + "/_apis/hooks/subscriptions", new
            {
                publisherId = "tfs", eventType, resourceVersion = "1.0", consumerId = "webHooks", consumerActionId = "httpRequest",
                publisherInputs = new { projectId = (string)repo["project"]!["id"]!, repository = (string)repo["id"]! },
                consumerInputs = new { url, basicAuthUsername = "u", basicAuthPassword = "p" },
            })).EnsureSuccessStatusCode();
        }
    }, "contoso/proj1/repo1", "proj", organization: "contoso");

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _w.DisposeAsync();
    }

    private static readonly string[] PrKeys = ["eventType", "publisherId", "resource.pullRequestId", "resource.status", "resource.title", "resource.sourceRefName",
        "resource.targetRefName", "resource.lastMergeSourceCommit.commitId", "resource.repository.id", "resource.repository.name", "resource.createdBy.displayName", "resourceContainers.project.id"];

    [Fact]
    public void Push_matches_fixture() => Sh.Matches(_w.AzureDelivery("git.push"), ["azure-devops/docs/git.push.json", "azure-devops/git.push.json"],
        ["eventType", "publisherId", "id", "resource.pushId", "resource.refUpdates[].name", "resource.refUpdates[].newObjectId", "resource.commits[].commitId",
         "resource.repository.id", "resource.repository.name", "resource.pushedBy.displayName", "resourceContainers.project.id", "createdDate"], Envelope);

    [Fact]
    public void Pull_request_events_match_fixtures()
    {
        Sh.Matches(_w.AzureDelivery("git.pullrequest.created"), ["azure-devops/docs/git.pullrequest.created.json", "azure-devops/git.pullrequest.created.json"], PrKeys, Envelope);
        Sh.Matches(_w.AzureDelivery("git.pullrequest.updated"), ["azure-devops/git.pullrequest.updated.json", "azure-devops/git.pullrequest.merged.json"], PrKeys, Envelope);
    }

    [Fact]
    public void Comment_and_build_match_fixtures()
    {
        Sh.Matches(_w.AzureDelivery("ms.vss-code.git-pullrequest-comment-event"), ["azure-devops/ms.vss-code.git-pullrequest-comment-event.drone-go-scm.json"],
            ["subscriptionId", "notificationId", "eventType", "resource.comment.content", "resource.comment.author.displayName", "resource.pullRequest.pullRequestId"]);
        var build = _w.AzureDelivery("build.complete");
        Sh.Matches(build, ["azure-devops/build.complete.json"], ["eventType", "resource.id", "resource.status", "resource.finishTime"], [.. Envelope, .. ModernBuild]);
        Assert.Equal("completed", (string?)build["resource"]!["status"]);
        Assert.Equal("failed", (string?)build["resource"]!["result"]);
        Assert.Equal("TfsGit", (string?)build["resource"]!["repository"]!["type"]);
        Assert.NotNull((string?)build["resource"]!["repository"]!["id"]);
    }

    /// <summary>
    /// The fixture is Microsoft's old XAML build sample; a YAML pipeline build of a Git repository carries the Build REST
    /// object (result, sourceBranch, sourceVersion, repository, requestedFor, ...). https://learn.microsoft.com/rest/api/azure/devops/build/builds/get
    /// </summary>
    internal static readonly string[] ModernBuild = [.. new[]
    {
        "_links", "properties", "tags", "result", "queueTime", "definition", "buildNumberRevision", "project", "sourceBranch", "sourceVersion", "queue",
        "priority", "requestedFor", "requestedBy", "lastChangedDate", "logs", "repository", "keepForever", "retainedByRelease", "triggeredByBuild",
    }.Select(k => "resource." + k)];

    [Fact]
    public async Task Api_responses_match_fixtures()
    {
        Sh.Matches(await _w.Get(_api, Org + "/_apis/projects"), ["azure-devops/api/projects.list.response.drone-go-scm.json"], ["count", "value[].id", "value[].name"]);
        Sh.Matches(await _w.Get(_api, Org + "/proj1/_apis/git/repositories"), ["azure-devops/api/git-repositories.list.response.drone-go-scm.json"],
            ["count", "value[].id", "value[].name", "value[].defaultBranch", "value[].project.id", "value[].remoteUrl", "value[].webUrl"]);
        var subs = await _w.Get(_api, Org + "/_apis/hooks/subscriptions");
        Sh.Matches(subs, ["azure-devops/api/hooks-subscriptions.list.response.drone-go-scm.json"], ["count", "value[].id", "value[].eventType", "value[].status", "value[].consumerInputs.url"], BasicAuth);
        Sh.Matches(subs["value"]![0], ["azure-devops/api/hooks-subscription.create.response.drone-go-scm.json"], ["id", "status", "publisherId", "consumerId", "publisherInputs.repository"], ["consumerInputs.basicAuthUsername", "consumerInputs.basicAuthPassword"]);
    }
}
