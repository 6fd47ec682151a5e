using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.AzureDevOps;

namespace IntegrationHub.Providers.Tests.Api;

public sealed class AzureDevOpsApiClientTests
{
    private const string Org = "https://dev.azure.com/tphoney";
    private const string Pat = "azure-pat-123456";
    private const string ProjectId = "d350c9c0-7749-4ff8-a78f-f9c1f0e56729";
    private const string RepoId = "fde2d21f-13b9-4864-a995-83329045289a";
    private static readonly RepositoryRef Repo = new(RepoId, "test_project/test_repo2", ProjectId);
    private readonly CannedHttp _http = new();

    private IProviderApi Client() =>
        ProviderCatalog.For(ProviderKind.AzureDevOps).CreateApi(_http.Client(), new ProviderConnectionInfo(new Uri(Org), Pat), new TestClock());

    [Fact]
    public async Task Lists_projects_then_their_repositories_with_continuation_tokens()
    {
        JsonNode project = ApiFixtures.Json("azure-devops/api/projects.list.response.drone-go-scm.json")["value"]![0]!;
        JsonObject Projects(params string[] ids) => new() { ["value"] = new JsonArray([.. ids.Select(id => { JsonNode p = project.DeepClone(); p["id"] = id; return p; })]) };

        _http.On(HttpMethod.Get, $"{Org}/_apis/projects?api-version=7.0&$top=100", HttpStatusCode.OK, Projects("p1", "p2").ToJsonString(), ("x-ms-continuationtoken", "tok2"))
            .On(HttpMethod.Get, $"{Org}/_apis/projects?api-version=7.0&$top=100&continuationToken=tok2", HttpStatusCode.OK, Projects("p3").ToJsonString())
            .On(HttpMethod.Get, $"{Org}/p1/_apis/git/repositories?api-version=7.0", HttpStatusCode.OK, ApiFixtures.Text("azure-devops/api/git-repositories.list.response.drone-go-scm.json"))
            .On(HttpMethod.Get, $"{Org}/p2/_apis/git/repositories?api-version=7.0", HttpStatusCode.OK, """{"count":0,"value":[]}""")
            .On(HttpMethod.Get, $"{Org}/p3/_apis/git/repositories?api-version=7.0", HttpStatusCode.OK, ApiFixtures.Text("azure-devops/api/git-repositories.list.response.drone-go-scm.json"));

        IProviderApi client = Client();
        ProviderPage<ProviderRepository> page1 = await client.ListRepositoriesAsync(null, CancellationToken.None);
        ProviderPage<ProviderRepository> page2 = await client.ListRepositoriesAsync(page1.NextCursor, CancellationToken.None);

        Assert.Equal(2, page1.Items.Count);
        Assert.NotNull(page1.NextCursor);
        Assert.Equal(2, page2.Items.Count); // p2 has none, so the call moves on to p3 on the next projects page
        Assert.Null(page2.NextCursor);
        string basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + Pat));
        Assert.All(_http.Requests, r => Assert.Equal(basic, r.Header("Authorization")));
        Assert.Equal(5, _http.Requests.Count);
    }

    [Fact]
    public async Task Parses_the_real_repository_listing()
    {
        _http.On(HttpMethod.Get, $"{Org}/_apis/projects", HttpStatusCode.OK, ApiFixtures.Text("azure-devops/api/projects.list.response.drone-go-scm.json"))
            .On(HttpMethod.Get, $"{Org}/{ProjectId}/_apis/git/repositories", HttpStatusCode.OK, ApiFixtures.Text("azure-devops/api/git-repositories.list.response.drone-go-scm.json"));

        ProviderPage<ProviderRepository> page = await Client().ListRepositoriesAsync(null, CancellationToken.None);

        Assert.Equal(new ProviderRepository("91f0d4cb-4c36-49a5-b28d-2d72da089c4d", "test_project/test_project", "main", RepositoryVisibility.Private, false,
            new Uri("https://dev.azure.com/tphoney/test_project/_git/test_project"), ProjectId), page.Items[0]);
        Assert.Equal(RepositoryVisibility.Public, page.Items[1].Visibility);
        Assert.Equal(Repo, page.Items[1].Ref);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task Lists_subscriptions_of_the_repository_as_one_hook()
    {
        _http.On(HttpMethod.Get, $"{Org}/_apis/hooks/subscriptions", HttpStatusCode.OK, ApiFixtures.Text("azure-devops/api/hooks-subscriptions.list.response.drone-go-scm.json"));
        ProviderHook hook = Assert.Single(await Client().Hooks.ListAsync(Repo, CancellationToken.None));
        Assert.Equal("d455cb11-20a0-4b15-b546-7e9fb9973cc6,d455cb11-20a0-4b15-b546-7e9fb9973cc7", hook.Id);
        Assert.Equal(["git.pullrequest.created", "git.pullrequest.merged"], hook.Events);
        Assert.Equal((new Uri("http://www.bla.com"), HookState.Active), (hook.Url, hook.State));
        Assert.Empty(await Client().Hooks.ListAsync(Repo with { ExternalId = Guid.NewGuid().ToString() }, CancellationToken.None));
    }

    [Fact]
    public async Task Creates_one_subscription_per_event_with_basic_auth()
    {
        string created = ApiFixtures.Text("azure-devops/api/hooks-subscription.create.response.drone-go-scm.json");
        _http.On(HttpMethod.Post, $"{Org}/_apis/hooks/subscriptions?api-version=7.0", r =>
        {
            JsonNode answer = JsonNode.Parse(created)!;
            answer["id"] = Guid.NewGuid().ToString();
            answer["eventType"] = r.JsonBody()["eventType"]!.GetValue<string>();
            return CannedHttp.Json(HttpStatusCode.OK, answer.ToJsonString());
        });
        HookSpec spec = new(new Uri("https://hub.example.com/hooks/azure-devops/3"), "basic-password", AzureDevOpsDescriptor.Instance.DefaultHookEvents, BasicAuthUsername: "hook-3");

        ProviderHook hook = await Client().Hooks.CreateAsync(Repo, spec, CancellationToken.None);

        Assert.Equal(4, hook.Id.Split(',').Length);
        List<JsonNode> bodies = [.. _http.Requests.Select(r => r.JsonBody())];
        Assert.Equal(spec.Events, bodies.Select(b => b["eventType"]!.GetValue<string>()));
        JsonNode push = bodies[0];
        Assert.Equal(("tfs", "webHooks", "httpRequest", "enabled"), (push["publisherId"]!.GetValue<string>(), push["consumerId"]!.GetValue<string>(),
            push["consumerActionId"]!.GetValue<string>(), push["status"]!.GetValue<string>()));
        Assert.Equal(ProjectId, push["publisherInputs"]!["projectId"]!.GetValue<string>());
        Assert.Equal(RepoId, push["publisherInputs"]!["repository"]!.GetValue<string>());
        Assert.Equal("https://hub.example.com/hooks/azure-devops/3", push["consumerInputs"]!["url"]!.GetValue<string>());
        Assert.Equal("hook-3", push["consumerInputs"]!["basicAuthUsername"]!.GetValue<string>());
        Assert.Equal("basic-password", push["consumerInputs"]!["basicAuthPassword"]!.GetValue<string>());
        Assert.Equal("2.0", bodies[3]["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reenables_a_subscription_on_probation_and_replaces_missing_event_types()
    {
        JsonObject onProbation = ApiFixtures.Json("azure-devops/api/hooks-subscription.create.response.drone-go-scm.json").AsObject();
        onProbation["status"] = "onProbation";
        string id = onProbation["id"]!.GetValue<string>();
        _http.On(HttpMethod.Get, $"{Org}/_apis/hooks/subscriptions/{id}?api-version=7.0", HttpStatusCode.OK, onProbation.ToJsonString())
            .On(HttpMethod.Get, $"{Org}/_apis/hooks/subscriptions/gone?api-version=7.0", HttpStatusCode.NotFound, """{"message":"not found"}""")
            .On(HttpMethod.Put, $"{Org}/_apis/hooks/subscriptions/{id}?api-version=7.0", r => CannedHttp.Json(HttpStatusCode.OK, Echo(onProbation, r, "s1")))
            .On(HttpMethod.Post, $"{Org}/_apis/hooks/subscriptions?api-version=7.0", r => CannedHttp.Json(HttpStatusCode.OK, Echo(onProbation, r, "s2")));
        IProviderApi client = Client();

        ProviderHook? before = await client.Hooks.GetAsync(Repo, $"{id},gone", CancellationToken.None);
        Assert.Equal(HookState.OnProbation, before!.State);

        HookSpec spec = new(new Uri("https://hub.example.com/hooks/azure-devops/3"), "pw", ["git.pullrequest.created", "git.push"]);
        ProviderHook after = await client.Hooks.ReEnableAsync(Repo, before.Id, spec, CancellationToken.None);

        Assert.Equal(HookState.Active, after.State);
        Assert.Equal("enabled", _http.Single(HttpMethod.Put, Org).JsonBody()["status"]!.GetValue<string>());
        Assert.Equal("git.push", _http.Single(HttpMethod.Post, Org).JsonBody()["eventType"]!.GetValue<string>());
        Assert.Equal("s1,s2", after.Id);
    }

    [Fact]
    public async Task A_sign_in_page_instead_of_data_is_unauthorized()
    {
        _http.On(HttpMethod.Get, $"{Org}/_apis/connectionData", _ => new HttpResponseMessage(HttpStatusCode.NonAuthoritativeInformation)
        {
            Content = new StringContent("<html>Sign in</html>", Encoding.UTF8, "text/html"),
        });
        ProviderApiException ex = await Assert.ThrowsAsync<ProviderApiException>(() => Client().GetCurrentUserAsync(CancellationToken.None));
        Assert.Equal(ProviderApiErrorKind.Unauthorized, ex.Kind);
    }

    [Fact]
    public async Task Reads_the_authenticated_user_from_connection_data()
    {
        _http.On(HttpMethod.Get, $"{Org}/_apis/connectionData", HttpStatusCode.OK,
            """{"authenticatedUser":{"id":"3ff4a20f-306e-677e-8a01-57f35e71f109","providerDisplayName":"tp","properties":{"Account":{"$type":"System.String","$value":"tp@harness.io"}}}}""");
        Assert.Equal(new ProviderUser("3ff4a20f-306e-677e-8a01-57f35e71f109", "tp@harness.io", "tp", null), await Client().GetCurrentUserAsync(CancellationToken.None));
    }

    private static string Echo(JsonObject template, RecordedRequest request, string id)
    {
        JsonObject answer = template.DeepClone().AsObject();
        answer["id"] = id;
        answer["status"] = request.JsonBody()["status"]!.GetValue<string>();
        answer["eventType"] = request.JsonBody()["eventType"]!.GetValue<string>();
        return answer.ToJsonString();
    }
}
