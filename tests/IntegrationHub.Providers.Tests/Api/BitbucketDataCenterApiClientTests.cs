using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.BitbucketDataCenter;

namespace IntegrationHub.Providers.Tests.Api;

public sealed class BitbucketDataCenterApiClientTests
{
    private const string Base = "https://bitbucket.example.com";
    private const string Api = Base + "/rest/api/1.0";
    private const string Token = "bbdc-http-access-token";
    private static readonly RepositoryRef Repo = new("1", "PRJ/my-repo", "PRJ");
    private readonly CannedHttp _http = new();

    private IProviderApi Client(string? projectKey = null, string? slug = null) =>
        ProviderCatalog.For(ProviderKind.BitbucketDataCenter).CreateApi(_http.Client(),
            new ProviderConnectionInfo(new Uri(Base), Token) { ProjectKey = projectKey, RepositorySlug = slug }, new TestClock());

    [Fact]
    public async Task Lists_repositories_with_start_and_nextPageStart()
    {
        JsonNode template = ApiFixtures.Json("bitbucket-server/api/repos.list.response.drone-go-scm.json")["values"]![0]!;
        void Vary(JsonObject r, int i)
        {
            r["id"] = i;
            r["slug"] = $"repo-{i}";
        }

        _http.On(HttpMethod.Get, $"{Api}/repos?limit=100&start=0", HttpStatusCode.OK, new JsonObject
            {
                ["values"] = ApiFixtures.Copies(template, 1, 100, Vary), ["start"] = 0, ["size"] = 100, ["isLastPage"] = false, ["nextPageStart"] = 100,
            }.ToJsonString())
            .On(HttpMethod.Get, $"{Api}/repos?limit=100&start=100", HttpStatusCode.OK, new JsonObject
            {
                ["values"] = ApiFixtures.Copies(template, 101, 1, Vary), ["start"] = 100, ["size"] = 1, ["isLastPage"] = true,
            }.ToJsonString());

        IProviderApi client = Client();
        ProviderPage<ProviderRepository> page1 = await client.ListRepositoriesAsync(null, CancellationToken.None);
        ProviderPage<ProviderRepository> page2 = await client.ListRepositoriesAsync(page1.NextCursor, CancellationToken.None);

        Assert.Equal((100, "100"), (page1.Items.Count, page1.NextCursor));
        Assert.Equal("PRJ/repo-101", Assert.Single(page2.Items).FullPath);
        Assert.Null(page2.NextCursor);
        Assert.All(_http.Requests, r => Assert.Equal($"Bearer {Token}", r.Header("Authorization")));
    }

    [Fact]
    public async Task Parses_the_real_listing_which_says_not_last_without_a_next_start()
    {
        _http.On(HttpMethod.Get, $"{Api}/repos?limit=100&start=0", HttpStatusCode.OK, ApiFixtures.Text("bitbucket-server/api/repos.list.response.drone-go-scm.json"));
        ProviderPage<ProviderRepository> page = await Client().ListRepositoriesAsync(null, CancellationToken.None);

        Assert.Equal(new ProviderRepository("1", "PRJ/my-repo", null, RepositoryVisibility.Private, false,
            new Uri("http://example.com:7990/projects/PRJ/repos/my-repo/browse"), "PRJ"), page.Items[0]);
        Assert.Equal("PRJ/quux", page.Items[1].FullPath);
        Assert.Equal("2", page.NextCursor);
    }

    [Fact]
    public async Task A_connection_narrowed_to_one_repository_lists_just_it()
    {
        JsonNode repo = ApiFixtures.Json("bitbucket-server/api/repos.list.response.drone-go-scm.json")["values"]![0]!;
        _http.On(HttpMethod.Get, $"{Api}/projects/PRJ/repos/my-repo", HttpStatusCode.OK, repo.ToJsonString());
        ProviderPage<ProviderRepository> page = await Client("PRJ", "my-repo").ListRepositoriesAsync(null, CancellationToken.None);
        Assert.Equal(("1", null), (Assert.Single(page.Items).ExternalId, page.NextCursor));
    }

    [Fact]
    public async Task Parses_real_webhooks_and_creates_one_with_a_secret()
    {
        string hooks = $"{Api}/projects/PRJ/repos/my-repo/webhooks";
        _http.On(HttpMethod.Get, hooks + "?limit=100&start=0", HttpStatusCode.OK, ApiFixtures.Text("bitbucket-server/api/webhooks.list.response.drone-go-scm.json"))
            .On(HttpMethod.Post, hooks, HttpStatusCode.Created, ApiFixtures.Text("bitbucket-server/api/webhook.create.response.drone-go-scm.json"));
        IProviderApi client = Client();

        ProviderHook listed = Assert.Single(await client.Hooks.ListAsync(Repo, CancellationToken.None));
        Assert.Equal(("1", new Uri("http://example.com"), HookState.Active), (listed.Id, listed.Url, listed.State));
        Assert.Contains("pr:comment:added", listed.Events);

        HookSpec spec = new(new Uri("https://hub.example.com/hooks/bitbucket-dc/5"), "dc-hook-secret", BitbucketDataCenterDescriptor.Instance.DefaultHookEvents);
        await client.Hooks.CreateAsync(Repo, spec, CancellationToken.None);
        JsonNode body = _http.Single(HttpMethod.Post, Api).JsonBody();
        Assert.Equal("dc-hook-secret", body["configuration"]!["secret"]!.GetValue<string>());
        Assert.Equal("https://hub.example.com/hooks/bitbucket-dc/5", body["url"]!.GetValue<string>());
        Assert.Equal(spec.Events, body["events"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.True(body["active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_current_user_comes_from_X_AUSERNAME()
    {
        _http.On(HttpMethod.Get, $"{Api}/application-properties", HttpStatusCode.OK, """{"version":"8.19.0"}""", ("X-AUSERNAME", "jdoe"), ("X-AUSERID", "51"))
            .On(HttpMethod.Get, $"{Api}/users/jdoe", HttpStatusCode.OK, """{"id":51,"name":"jdoe","displayName":"Jane Doe"}""");
        Assert.Equal(new ProviderUser("51", "jdoe", "Jane Doe", null), await Client().GetCurrentUserAsync(CancellationToken.None));
    }

    [Fact]
    public async Task An_answer_naming_no_user_means_the_token_was_not_taken()
    {
        _http.On(HttpMethod.Get, $"{Api}/application-properties", HttpStatusCode.OK, """{"version":"8.19.0"}""");
        ProviderApiException ex = await Assert.ThrowsAsync<ProviderApiException>(() => Client().GetCurrentUserAsync(CancellationToken.None));
        Assert.Equal(ProviderApiErrorKind.Unauthorized, ex.Kind);
    }
}
