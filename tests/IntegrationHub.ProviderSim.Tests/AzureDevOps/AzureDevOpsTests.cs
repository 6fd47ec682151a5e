using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Tests.Infrastructure;

namespace IntegrationHub.ProviderSim.Tests.AzureDevOps;

public sealed class AzureDevOpsTests
{
    private const string Org = "/azure-devops/contoso";

    private static async Task<HttpClient> Client(SimHost sim) => sim.Client("Basic", OAuthHelper.Basic("", await sim.Pat("azure-devops", null, "vso.code_full")));

    [Fact]
    public async Task Pat_with_empty_user_pages_projects_by_continuation_token()
    {
        await using var sim = await SimHost.Start();
        await sim.Seed("azure-devops", 5, 2, ownerPrefix: "proj", organization: "contoso");
        using var api = await Client(sim);
        var me = await api.GetFromJsonAsync<JsonNode>(Org + "/_apis/connectionData");
        Assert.Equal("demo", (string)me!["authenticatedUser"]!["providerDisplayName"]!);
        var names = new List<string>();
        string? token = null;
        do
        {
            using var response = await api.GetAsync($"{Org}/_apis/projects?$top=2" + (token is null ? "" : "&continuationToken=" + token));
            names.AddRange(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["value"]!.AsArray().Select(p => (string)p!["name"]!));
            token = response.Headers.TryGetValues("x-ms-continuationtoken", out var t) ? t.Single() : null;
        }
        while (token is not null);

        Assert.Equal(5, names.Distinct().Count());
        Assert.Equal(2, (await api.GetFromJsonAsync<JsonNode>($"{Org}/proj1/_apis/git/repositories"))!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Project_is_addressed_by_id_as_well_as_by_name()
    {
        await using var sim = await SimHost.Start();
        await sim.Seed("azure-devops", 1, 3, ownerPrefix: "proj", organization: "contoso");
        using var api = await Client(sim);
        var project = (await api.GetFromJsonAsync<JsonNode>(Org + "/_apis/projects"))!["value"]![0]!;

        var byId = await api.GetFromJsonAsync<JsonNode>($"{Org}/{(string)project["id"]!}/_apis/git/repositories");

        Assert.Equal(3, byId!["count"]!.GetValue<int>());
        Assert.Equal((string)project["name"]!, (string)byId["value"]![0]!["project"]!["name"]!);
    }

    [Fact]
    public async Task Subscription_delivers_with_basic_auth_and_goes_on_probation_after_a_hard_failure()
    {
        await using var sim = await SimHost.Start();
        await using var rx = await Receiver.Start();
        await sim.Seed("azure-devops", 1, 1, ownerPrefix: "proj", organization: "contoso");
        using var api = await Client(sim);
        var repo = (await api.GetFromJsonAsync<JsonNode>($"{Org}/proj1/_apis/git/repositories"))!["value"]![0]!;
        var sub = await (await api.PostAsJsonAsync(Org + "/_apis/hooks/subscriptions?api-version=7.1", new
        {
            publisherId = "tfs", eventType = "git.push", resourceVersion = "1.0", consumerId = "webHooks", consumerActionId = "httpRequest",
            publisherInputs = new { projectId = (string)repo["project"]!["id"]!, repository = (string)repo["id"]! },
            consumerInputs = new { url = rx.Url, basicAuthUsername = "hub", basicAuthPassword = "pw" },
        })).Content.ReadFromJsonAsync<JsonNode>();
        Assert.Equal("enabled", (string)sub!["status"]!);
        var subId = (string)sub["id"]!;

        await sim.Event("push", new { provider = "azure-devops", repo = "contoso/proj1/repo1" });
        await sim.WaitForDeliveries();
        var push = Assert.Single(rx.Requests);
        Assert.Equal("Basic " + OAuthHelper.Basic("hub", "pw"), push.Header("Authorization"));
        Assert.Equal(subId, (string)push.Json["subscriptionId"]!);
        Assert.Equal("git.push", (string)push.Json["eventType"]!);
        Assert.NotNull(push.Json["notificationId"]);

        rx.Status = 400;
        await sim.Event("push", new { provider = "azure-devops", repo = "contoso/proj1/repo1" });
        await sim.WaitForDeliveries();
        Assert.Equal("onProbation", (string)(await api.GetFromJsonAsync<JsonNode>($"{Org}/_apis/hooks/subscriptions/{subId}"))!["status"]!);
        await sim.Event("push", new { provider = "azure-devops", repo = "contoso/proj1/repo1" });
        await sim.WaitForDeliveries();
        Assert.Equal(2, rx.Requests.Count); // new events are dropped while on probation
        var pushes = await api.GetFromJsonAsync<JsonNode>($"{Org}/proj1/_apis/git/repositories/{repo["id"]}/pushes");
        Assert.Equal(3, (int)pushes!["count"]!);
    }

    /// <summary>
    /// Replace a subscription: https://learn.microsoft.com/rest/api/azure/devops/hooks/subscriptions/replace-subscription.
    /// The same id keeps its publisher filter and takes the new consumer URL and Basic credentials.
    /// </summary>
    [Fact]
    public async Task Subscription_crud_replaces_url_and_credentials_in_place()
    {
        await using var sim = await SimHost.Start();
        await using var rx = await Receiver.Start();
        await sim.Seed("azure-devops", 1, 1, ownerPrefix: "proj", organization: "contoso");
        using var api = await Client(sim);
        var repo = (await api.GetFromJsonAsync<JsonNode>($"{Org}/proj1/_apis/git/repositories"))!["value"]![0]!;
        object Body(string url, string user, string password) => new
        {
            publisherId = "tfs", eventType = "git.push", resourceVersion = "1.0", consumerId = "webHooks", consumerActionId = "httpRequest",
            publisherInputs = new { projectId = (string)repo["project"]!["id"]!, repository = (string)repo["id"]! },
            consumerInputs = new { url, basicAuthUsername = user, basicAuthPassword = password },
        };
        using var created = await api.PostAsJsonAsync(Org + "/_apis/hooks/subscriptions?api-version=7.1", Body("http://127.0.0.1:9/old", "old", "old-pw"));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var subId = (string)(await created.Content.ReadFromJsonAsync<JsonNode>())!["id"]!;
        var url = $"{Org}/_apis/hooks/subscriptions/{subId}?api-version=7.1";
        Assert.Equal(subId, (string?)Assert.Single((await api.GetFromJsonAsync<JsonNode>(Org + "/_apis/hooks/subscriptions?api-version=7.1"))!["value"]!.AsArray())!["id"]);

        using var replaced = await api.PutAsJsonAsync(url, Body(rx.Url, "hub", "new-pw"));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var sub = (await api.GetFromJsonAsync<JsonNode>(url))!;
        Assert.Equal(subId, (string?)sub["id"]);
        Assert.Equal(rx.Url, (string?)sub["consumerInputs"]!["url"]);
        Assert.Equal("hub", (string?)sub["consumerInputs"]!["basicAuthUsername"]);
        Assert.Equal("enabled", (string?)sub["status"]);

        await sim.Event("push", new { provider = "azure-devops", repo = "contoso/proj1/repo1" });
        await sim.WaitForDeliveries();
        var push = Assert.Single(rx.Requests);
        Assert.Equal("Basic " + OAuthHelper.Basic("hub", "new-pw"), push.Header("Authorization"));
        Assert.Equal(subId, (string?)push.Json["subscriptionId"]);

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(url)).StatusCode);
        Assert.Empty((await api.GetFromJsonAsync<JsonNode>(Org + "/_apis/hooks/subscriptions?api-version=7.1"))!["value"]!.AsArray());
    }

    [Fact]
    public async Task Pull_request_threads_can_be_read_and_posted()
    {
        await using var sim = await SimHost.Start();
        await sim.Seed("azure-devops", 1, 1, ownerPrefix: "proj", organization: "contoso");
        using var api = await Client(sim);
        await sim.Event("pull-request-open", new { provider = "azure-devops", repo = "contoso/proj1/repo1", branch = "f", title = "PR" });
        var prs = await api.GetFromJsonAsync<JsonNode>($"{Org}/proj1/_apis/git/repositories/repo1/pullrequests?searchCriteria.status=all");
        Assert.Equal("active", (string)prs!["value"]![0]!["status"]!);
        using var posted = await api.PostAsJsonAsync($"{Org}/proj1/_apis/git/repositories/repo1/pullrequests/1/threads", new { comments = new[] { new { content = "hi", commentType = 1 } }, status = "active" });
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal(1, (int)(await api.GetFromJsonAsync<JsonNode>($"{Org}/proj1/_apis/git/repositories/repo1/pullrequests/1/threads"))!["count"]!);
    }
}
