using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.GitLab;

namespace IntegrationHub.Providers.Tests.Api;

public sealed class GitLabApiClientTests
{
    private const string Base = "https://gitlab.example.com";
    private const string Api = Base + "/api/v4";
    private const string Token = "glpat-test-token-123";
    private static readonly RepositoryRef Project = new("3", "diaspora/diaspora-project-site");
    private readonly CannedHttp _http = new();
    private readonly TestClock _clock = new();

    private IProviderApi Client() =>
        ProviderCatalog.For(ProviderKind.GitLab).CreateApi(_http.Client(), new ProviderConnectionInfo(new Uri(Base), Token), _clock);

    [Fact]
    public async Task Lists_projects_across_keyset_pages()
    {
        JsonNode template = ApiFixtures.Json("gitlab/api/projects.list.response.drone-go-scm.json")[0]!;
        void Vary(JsonObject p, int i)
        {
            p["id"] = i;
            p["path_with_namespace"] = $"group/project-{i}";
        }

        string first = $"{Api}/projects?membership=true&per_page=100&pagination=keyset&order_by=id&sort=asc";
        string second = $"{Api}/projects?id_after=100&membership=true&order_by=id&pagination=keyset&per_page=100&sort=asc";
        _http.On(HttpMethod.Get, first, HttpStatusCode.OK, ApiFixtures.Copies(template, 1, 100, Vary).ToJsonString(),
                ("Link", $"<{second}>; rel=\"next\""), ("RateLimit-Remaining", "1999"), ("RateLimit-Limit", "2000"), ("RateLimit-Reset", "1750000060"))
            .On(HttpMethod.Get, second, HttpStatusCode.OK, ApiFixtures.Copies(template, 101, 3, Vary).ToJsonString());

        IProviderApi client = Client();
        ProviderPage<ProviderRepository> page1 = await client.ListRepositoriesAsync(null, CancellationToken.None);
        ProviderPage<ProviderRepository> page2 = await client.ListRepositoriesAsync(page1.NextCursor, CancellationToken.None);

        Assert.Equal(100, page1.Items.Count);
        Assert.Equal(second, page1.NextCursor);
        Assert.Equal(["101", "102", "103"], page2.Items.Select(r => r.ExternalId));
        Assert.Null(page2.NextCursor);
        Assert.Equal(new RateLimitSnapshot(2000, 1999, DateTimeOffset.FromUnixTimeSeconds(1750000060), _clock.Now), page1.RateLimit);
        Assert.All(_http.Requests, r => Assert.Equal($"Bearer {Token}", r.Header("Authorization")));
    }

    [Fact]
    public async Task Falls_back_to_X_Next_Page_when_there_is_no_Link()
    {
        string first = $"{Api}/projects?membership=true&per_page=100&pagination=keyset&order_by=id&sort=asc";
        _http.On(HttpMethod.Get, first, HttpStatusCode.OK, ApiFixtures.Text("gitlab/api/projects.list.response.drone-go-scm.json"), ("X-Next-Page", "2"))
            .On(HttpMethod.Get, first + "&page=2", HttpStatusCode.OK, "[]", ("X-Next-Page", ""));

        IProviderApi client = Client();
        ProviderPage<ProviderRepository> page1 = await client.ListRepositoriesAsync(null, CancellationToken.None);
        ProviderPage<ProviderRepository> page2 = await client.ListRepositoriesAsync(page1.NextCursor, CancellationToken.None);

        Assert.Equal(first + "&page=2", page1.NextCursor);
        Assert.Empty(page2.Items);
        Assert.Null(page2.NextCursor);
    }

    [Theory]
    [InlineData("gitlab/api/projects.list.response.drone-go-scm.json", "178504", "diaspora/diaspora", RepositoryVisibility.Public, "https://gitlab.com/diaspora/diaspora")]
    public async Task Parses_a_real_project_listing(string fixture, string id, string path, RepositoryVisibility visibility, string web)
    {
        _http.On(HttpMethod.Get, $"{Api}/projects", HttpStatusCode.OK, ApiFixtures.Text(fixture));
        ProviderRepository repo = Assert.Single((await Client().ListRepositoriesAsync(null, CancellationToken.None)).Items);
        Assert.Equal(new ProviderRepository(id, path, "master", visibility, false, new Uri(web)), repo);
    }

    [Theory]
    [InlineData("gitlab/api/project.get.response.drone-go-scm.json", "178504", RepositoryVisibility.Public)]
    [InlineData("gitlab/api/project.get.response.gitlab4j.json", "3", RepositoryVisibility.Private)]
    public async Task Parses_real_single_projects_in_the_listing_shape(string fixture, string id, RepositoryVisibility visibility)
    {
        _http.On(HttpMethod.Get, $"{Api}/projects", HttpStatusCode.OK, $"[{ApiFixtures.Text(fixture)}]");
        ProviderRepository repo = Assert.Single((await Client().ListRepositoriesAsync(null, CancellationToken.None)).Items);
        Assert.Equal((id, visibility, "master", false), (repo.ExternalId, repo.Visibility, repo.DefaultBranch, repo.Archived));
    }

    [Theory]
    [InlineData("gitlab/api/project-hooks.list.response.drone-go-scm.json")]
    [InlineData("gitlab/api/project-hook.get.response.json")]
    [InlineData("gitlab/api/project-hook.add.response.gitlab4j.json")]
    [InlineData("gitlab/api/project-hook.add.response.drone-go-scm.json")]
    public async Task Parses_real_hooks(string fixture)
    {
        string json = ApiFixtures.Text(fixture);
        _http.On(HttpMethod.Get, $"{Api}/projects/3/hooks", HttpStatusCode.OK, json.TrimStart().StartsWith('[') ? json : $"[{json}]");
        ProviderHook hook = Assert.Single(await Client().Hooks.ListAsync(Project, CancellationToken.None));
        Assert.Equal(("1", new Uri("http://example.com/hook"), HookState.Active), (hook.Id, hook.Url, hook.State));
        Assert.Contains("push_events", hook.Events);
        Assert.Contains("pipeline_events", hook.Events);
        Assert.DoesNotContain("enable_ssl_verification", hook.Events);
    }

    [Fact]
    public async Task Sees_auto_disabled_hooks()
    {
        JsonObject temporarily = ApiFixtures.Json("gitlab/api/project-hook.get.response.json").AsObject();
        temporarily["alert_status"] = "temporarily_disabled";
        temporarily["disabled_until"] = _clock.Now.AddMinutes(4).ToString("O");
        JsonObject permanently = temporarily.DeepClone().AsObject();
        permanently["id"] = 2;
        permanently["alert_status"] = "disabled";
        permanently["disabled_until"] = null;
        _http.On(HttpMethod.Get, $"{Api}/projects/3/hooks", HttpStatusCode.OK, new JsonArray(temporarily, permanently).ToJsonString());

        IReadOnlyList<ProviderHook> hooks = await Client().Hooks.ListAsync(Project, CancellationToken.None);

        Assert.Equal(HookState.TemporarilyDisabled, hooks[0].State);
        Assert.Equal(_clock.Now.AddMinutes(4), hooks[0].DisabledUntil);
        Assert.Equal((HookState.Disabled, "disabled"), (hooks[1].State, hooks[1].ProviderStatus));
    }

    [Fact]
    public async Task Creates_a_hook_with_token_and_every_flag_explicit()
    {
        _http.On(HttpMethod.Post, $"{Api}/projects/3/hooks", HttpStatusCode.Created, ApiFixtures.Text("gitlab/api/project-hook.add.response.gitlab4j.json"));
        HookSpec spec = new(new Uri("https://hub.example.com/hooks/gitlab/7"), "gl-hook-secret", ["push_events", "merge_requests_events"]);

        ProviderHook hook = await Client().Hooks.CreateAsync(Project, spec, CancellationToken.None);

        Assert.Equal("1", hook.Id);
        JsonNode body = _http.Single(HttpMethod.Post, Api).JsonBody();
        Assert.Equal("https://hub.example.com/hooks/gitlab/7", body["url"]!.GetValue<string>());
        Assert.Equal("gl-hook-secret", body["token"]!.GetValue<string>());
        Assert.True(body["enable_ssl_verification"]!.GetValue<bool>());
        Assert.True(body["push_events"]!.GetValue<bool>());
        Assert.True(body["merge_requests_events"]!.GetValue<bool>());
        Assert.False(body["tag_push_events"]!.GetValue<bool>());
        Assert.False(body["pipeline_events"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Reenables_by_rewriting_then_sending_a_test_delivery()
    {
        string hookUrl = $"{Api}/projects/3/hooks/1";
        _http.On(HttpMethod.Put, hookUrl, HttpStatusCode.OK, ApiFixtures.Text("gitlab/api/project-hook.get.response.json"))
            .On(HttpMethod.Post, hookUrl + "/test/push_events", HttpStatusCode.Created, """{"message":"201 Created"}""")
            .On(HttpMethod.Get, hookUrl, HttpStatusCode.OK, ApiFixtures.Text("gitlab/api/project-hook.get.response.json"));
        HookSpec spec = new(new Uri("https://hub.example.com/hooks/gitlab/7"), "gl-hook-secret", GitLabDescriptor.Instance.DefaultHookEvents);

        ProviderHook hook = await Client().Hooks.ReEnableAsync(Project, "1", spec, CancellationToken.None);

        Assert.Equal(HookState.Active, hook.State);
        Assert.Equal([HttpMethod.Put, HttpMethod.Post, HttpMethod.Get], _http.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task Reads_the_current_user()
    {
        _http.On(HttpMethod.Get, $"{Api}/user", HttpStatusCode.OK, """{"id":42,"username":"jdoe","name":"Jane Doe"}""");
        Assert.Equal(new ProviderUser("42", "jdoe", "Jane Doe", null), await Client().GetCurrentUserAsync(CancellationToken.None));
    }
}
