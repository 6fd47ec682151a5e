using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Tests.Infrastructure;

namespace IntegrationHub.ProviderSim.Tests.AzureDevOps;

/// <summary>
/// Writing back to Azure DevOps: a thread, a reply in it, and a commit status.
/// https://learn.microsoft.com/rest/api/azure/devops/git/pull-request-threads/create, https://learn.microsoft.com/rest/api/azure/devops/git/statuses/create
/// </summary>
public sealed class AzureDevOpsWritesTests
{
    private const string Org = "/azure-devops/contoso";

    [Fact]
    public async Task Thread_reply_and_status_are_created_shown_in_inspect_and_comments_delivered_to_the_subscription()
    {
        await using var sim = await SimHost.Start();
        await using var rx = await Receiver.Start();
        await sim.Seed("azure-devops", 1, 1, ownerPrefix: "proj", users: ["demo", "hub-bot"], organization: "contoso");
        using var api = sim.Client("Basic", OAuthHelper.Basic("", await sim.Pat("azure-devops", "hub-bot", "vso.code_write", "vso.code_status")));
        var repo = (await api.GetFromJsonAsync<JsonNode>($"{Org}/proj1/_apis/git/repositories"))!["value"]![0]!;
        var git = $"{Org}/proj1/_apis/git/repositories/{repo["id"]}";
        (await api.PostAsJsonAsync(Org + "/_apis/hooks/subscriptions?api-version=7.1", new
        {
            publisherId = "tfs", eventType = "ms.vss-code.git-pullrequest-comment-event", resourceVersion = "1.0", consumerId = "webHooks", consumerActionId = "httpRequest",
            publisherInputs = new { projectId = (string)repo["project"]!["id"]!, repository = (string)repo["id"]! },
            consumerInputs = new { url = rx.Url },
        })).EnsureSuccessStatusCode();
        var pull = await sim.Event("pull-request-open", new { provider = "azure-devops", repo = "contoso/proj1/repo1", branch = "feature", title = "PR" });
        var sha = (string)pull["sha"]!;
        await sim.Event("comment", new { provider = "azure-devops", repo = "contoso/proj1/repo1", number = 1, body = "@hub-bot hello" });

        using var created = await api.PostAsJsonAsync($"{git}/pullRequests/1/threads?api-version=7.1", new
        {
            comments = new[] { new { parentCommentId = 0, content = "On the PR", commentType = 1 } }, status = 1,
        });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var thread = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        var threadId = (long)thread["id"]!;
        Assert.Equal("active", (string)thread["status"]!);
        var first = thread["comments"]![0]!;
        Assert.Equal((1, "On the PR", "hub-bot"), ((int)first["id"]!, (string)first["content"]!, (string)first["author"]!["displayName"]!));
        using var replied = await api.PostAsJsonAsync($"{git}/pullRequests/1/threads/{threadId}/comments?api-version=7.1", new { content = "Follow-up", parentCommentId = 1, commentType = 1 });
        Assert.Equal(HttpStatusCode.OK, replied.StatusCode);
        var reply = (await replied.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal((2, 1, "Follow-up"), ((int)reply["id"]!, (int)reply["parentCommentId"]!, (string)reply["content"]!));

        using var status = await api.PostAsJsonAsync($"{git}/commits/{sha}/statuses?api-version=7.1", new
        {
            state = "succeeded", description = "Passed", targetUrl = "https://ci.example/1", context = new { name = "hub-ci", genre = "integration-hub" },
        });
        Assert.Equal(HttpStatusCode.Created, status.StatusCode);
        var statusJson = (await status.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal(("succeeded", "hub-ci", "integration-hub", "https://ci.example/1"),
            ((string)statusJson["state"]!, (string)statusJson["context"]!["name"]!, (string)statusJson["context"]!["genre"]!, (string)statusJson["targetUrl"]!));
        Assert.Equal("hub-bot", (string)statusJson["createdBy"]!["displayName"]!);

        var comments = await sim.Comments("azure-devops", "contoso/proj1/repo1");
        Assert.Equal(3, comments.Count);
        Assert.Equal([threadId, threadId], comments.Skip(1).Select(c => (long)c!["threadId"]!));
        Assert.Equal("succeeded", (string)Assert.Single(await sim.Statuses("azure-devops", "contoso/proj1/repo1"))!["providerState"]!);
        await sim.WaitForDeliveries();
        var contents = rx.Requests.Select(r => (string)r.Json["resource"]!["comment"]!["content"]!);
        Assert.Equal(["@hub-bot hello", "Follow-up", "On the PR"], contents.Order());
    }

    [Fact]
    public async Task Pat_without_write_scopes_is_refused_and_unknown_targets_are_not_found()
    {
        await using var sim = await SimHost.Start();
        await sim.Seed("azure-devops", 1, 1, ownerPrefix: "proj", organization: "contoso");
        var pull = await sim.Event("pull-request-open", new { provider = "azure-devops", repo = "contoso/proj1/repo1", branch = "feature", title = "PR" });
        var sha = (string)pull["sha"]!;
        using var reader = sim.Client("Basic", OAuthHelper.Basic("", await sim.Pat("azure-devops", null, "vso.code")));
        var git = $"{Org}/proj1/_apis/git/repositories/repo1";
        object Thread(string content) => new { comments = new[] { new { parentCommentId = 0, content, commentType = 1 } }, status = 1 };
        object Status(string state) => new { state, context = new { name = "hub-ci", genre = "hub" } };
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync($"{git}/pullRequests/1/threads?api-version=7.1", Thread("x"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync($"{git}/commits/{sha}/statuses?api-version=7.1", Status("succeeded"))).StatusCode);
        using var statusOnly = sim.Client("Basic", OAuthHelper.Basic("", await sim.Pat("azure-devops", null, "vso.code_status")));
        Assert.Equal(HttpStatusCode.Created, (await statusOnly.PostAsJsonAsync($"{git}/commits/{sha}/statuses?api-version=7.1", Status("pending"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await statusOnly.PostAsJsonAsync($"{git}/pullRequests/1/threads?api-version=7.1", Thread("x"))).StatusCode);

        using var writer = sim.Client("Basic", OAuthHelper.Basic("", await sim.Pat("azure-devops", null, "vso.code_write")));
        Assert.Equal(HttpStatusCode.NotFound, (await writer.PostAsJsonAsync($"{git}/pullRequests/9/threads?api-version=7.1", Thread("x"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await writer.PostAsJsonAsync($"{git}/pullRequests/1/threads/424242/comments?api-version=7.1", new { content = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await writer.PostAsJsonAsync($"{git}/commits/{new string('0', 40)}/statuses?api-version=7.1", Status("succeeded"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await writer.PostAsJsonAsync($"{Org}/proj1/_apis/git/repositories/nope/pullRequests/1/threads?api-version=7.1", Thread("x"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await writer.PostAsJsonAsync($"{git}/pullRequests/1/threads?api-version=7.1", Thread(""))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await writer.PostAsJsonAsync($"{git}/commits/{sha}/statuses?api-version=7.1", Status("done"))).StatusCode);
        Assert.Empty(await sim.Comments("azure-devops", "contoso/proj1/repo1"));
        Assert.Single(await sim.Statuses("azure-devops", "contoso/proj1/repo1"));
    }
}
