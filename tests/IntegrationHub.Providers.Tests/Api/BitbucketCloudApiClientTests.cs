using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.BitbucketCloud;

namespace IntegrationHub.Providers.Tests.Api;

public sealed class BitbucketCloudApiClientTests
{
    private const string Api = "https://api.bitbucket.org/2.0";
    private const string Token = "bb-access-token-123";
    private static readonly RepositoryRef Repo = new("{7dd600e6-0d9c-4801-b967-cb4cc17359ff}", "atlassian/stash-example-plugin");
    private readonly CannedHttp _http = new();

    private IProviderApi Client(string? baseUrl = null) =>
        ProviderCatalog.For(ProviderKind.BitbucketCloud).CreateApi(_http.Client(), new ProviderConnectionInfo(baseUrl is null ? null : new Uri(baseUrl), Token), new TestClock());

    [Fact]
    public async Task Lists_repositories_following_the_body_next_link()
    {
        JsonNode fixture = ApiFixtures.Json("bitbucket-cloud/api/repositories.list.response.drone-go-scm.json");
        JsonNode template = fixture["values"]![0]!;
        void Vary(JsonObject r, int i)
        {
            r["uuid"] = $"{{00000000-0000-0000-0000-{i:D12}}}";
            r["full_name"] = $"atlassian/repo-{i}";
        }

        string first = $"{Api}/repositories?role=member&pagelen=100";
        string second = $"{Api}/repositories?role=member&pagelen=100&after=abc";
        _http.On(HttpMethod.Get, first, HttpStatusCode.OK, new JsonObject { ["values"] = ApiFixtures.Copies(template, 1, 100, Vary), ["next"] = second }.ToJsonString())
            .On(HttpMethod.Get, second, HttpStatusCode.OK, new JsonObject { ["values"] = ApiFixtures.Copies(template, 101, 2, Vary) }.ToJsonString());

        IProviderApi client = Client();
        ProviderPage<ProviderRepository> page1 = await client.ListRepositoriesAsync(null, CancellationToken.None);
        ProviderPage<ProviderRepository> page2 = await client.ListRepositoriesAsync(page1.NextCursor, CancellationToken.None);

        Assert.Equal((100, second), (page1.Items.Count, page1.NextCursor));
        Assert.Equal(["atlassian/repo-101", "atlassian/repo-102"], page2.Items.Select(r => r.FullPath));
        Assert.Null(page2.NextCursor);
        Assert.All(_http.Requests, r => Assert.Equal($"Bearer {Token}", r.Header("Authorization")));
    }

    [Fact]
    public async Task Parses_the_real_repository_listing()
    {
        // The fixture's own next link points at api.bitbucket.org, so it is followed as a cursor.
        _http.On(HttpMethod.Get, $"{Api}/repositories", HttpStatusCode.OK, ApiFixtures.Text("bitbucket-cloud/api/repositories.list.response.drone-go-scm.json"));
        ProviderPage<ProviderRepository> page = await Client().ListRepositoriesAsync(null, CancellationToken.None);
        ProviderRepository repo = Assert.Single(page.Items);
        Assert.Equal(new ProviderRepository("{7dd600e6-0d9c-4801-b967-cb4cc17359ff}", "atlassian/stash-example-plugin", "master",
            RepositoryVisibility.Private, false, new Uri("https://bitbucket.org/atlassian/stash-example-plugin")), repo);
        Assert.Equal("https://api.bitbucket.org/2.0/repositories?pagelen=1&after=PLACEHOLDER&role=member", page.NextCursor);
    }

    [Fact]
    public async Task Parses_real_hooks_and_escapes_uuid_braces()
    {
        string hooks = $"{Api}/repositories/atlassian/stash-example-plugin/hooks";
        _http.On(HttpMethod.Get, hooks, HttpStatusCode.OK, ApiFixtures.Text("bitbucket-cloud/api/repository-hooks.list.response.drone-go-scm.json"))
            .On(HttpMethod.Delete, hooks + "/%7Bd53603cc-3f67-45ea-b310-aaa5ef6ec061%7D", HttpStatusCode.NoContent);
        IProviderApi client = Client();

        ProviderHook hook = Assert.Single(await client.Hooks.ListAsync(Repo, CancellationToken.None));
        Assert.Equal("{d53603cc-3f67-45ea-b310-aaa5ef6ec061}", hook.Id);
        Assert.Equal(["pullrequest:created", "pullrequest:updated", "repo:push"], hook.Events);
        Assert.True(await client.Hooks.DeleteAsync(Repo, hook.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Creates_a_hook_with_secret_and_events()
    {
        _http.On(HttpMethod.Post, $"{Api}/repositories/atlassian/stash-example-plugin/hooks", HttpStatusCode.Created,
            ApiFixtures.Text("bitbucket-cloud/api/repository-hook.create.response.drone-go-scm.json"));
        HookSpec spec = new(new Uri("https://hub.example.com/hooks/bitbucket-cloud/9"), "bb-hook-secret", BitbucketCloudDescriptor.Instance.DefaultHookEvents);

        ProviderHook hook = await Client().Hooks.CreateAsync(Repo, spec, CancellationToken.None);

        Assert.Equal(HookState.Active, hook.State);
        JsonNode body = _http.Single(HttpMethod.Post, Api).JsonBody();
        Assert.Equal("https://hub.example.com/hooks/bitbucket-cloud/9", body["url"]!.GetValue<string>());
        Assert.Equal("bb-hook-secret", body["secret"]!.GetValue<string>());
        Assert.True(body["active"]!.GetValue<bool>());
        Assert.Contains("repo:commit_status_updated", body["events"]!.AsArray().Select(e => e!.GetValue<string>()));
    }

    [Fact]
    public async Task Reads_user_and_scopes_from_a_custom_base()
    {
        _http.On(HttpMethod.Get, "http://127.0.0.1:5090/bitbucket/2.0/user", HttpStatusCode.OK,
            """{"uuid":"{u-1}","nickname":"jdoe","display_name":"Jane Doe","account_id":"5b1"}""", ("X-OAuth-Scopes", "account repository webhook"));
        ProviderUser user = await Client("http://127.0.0.1:5090/bitbucket").GetCurrentUserAsync(CancellationToken.None);
        Assert.Equal(("{u-1}", "jdoe", "Jane Doe"), (user.Id, user.Login, user.DisplayName));
        Assert.Equal(["account", "repository", "webhook"], user.GrantedScopes);
    }
}
