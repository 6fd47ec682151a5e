using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.Tests.Api;

public sealed class GitHubApiClientTests
{
    private const string Api = "https://api.github.com";
    private const string Token = "gho_test_token_123";
    private static readonly RepositoryRef Repo = new("1296269", "octocat/Hello-World");
    private readonly CannedHttp _http = new();

    private IProviderApi Client() =>
        ProviderCatalog.For(ProviderKind.GitHub).CreateApi(_http.Client(), new ProviderConnectionInfo(null, Token), new TestClock());

    [Fact]
    public async Task Lists_repositories_across_pages_following_Link_headers()
    {
        JsonNode template = ApiFixtures.Json("github/api/user-repos.list.response.drone-go-scm.json")[0]!;
        void Vary(JsonObject r, int i)
        {
            r["id"] = i;
            r["full_name"] = $"octocat/repo-{i}";
        }

        string first = $"{Api}/user/repos?per_page=100&affiliation=owner,collaborator,organization_member&sort=full_name";
        string second = $"{Api}/user/repos?per_page=100&affiliation=owner,collaborator,organization_member&sort=full_name&page=2";
        string third = $"{Api}/user/repos?per_page=100&affiliation=owner,collaborator,organization_member&sort=full_name&page=3";
        _http.On(HttpMethod.Get, first, HttpStatusCode.OK, ApiFixtures.Copies(template, 1, 100, Vary).ToJsonString(),
                ("Link", $"<{second}>; rel=\"next\", <{third}>; rel=\"last\""), ("X-RateLimit-Remaining", "4999"), ("X-RateLimit-Limit", "5000"), ("X-RateLimit-Reset", "1750000000"))
            .On(HttpMethod.Get, second, HttpStatusCode.OK, ApiFixtures.Copies(template, 101, 100, Vary).ToJsonString(),
                ("Link", $"<{first}>; rel=\"prev\", <{third}>; rel=\"next\""))
            .On(HttpMethod.Get, third, HttpStatusCode.OK, ApiFixtures.Copies(template, 201, 7, Vary).ToJsonString(),
                ("Link", $"<{second}>; rel=\"prev\", <{first}>; rel=\"first\""));

        IProviderApi client = Client();
        List<ProviderRepository> all = [];
        string? cursor = null;
        int pages = 0;
        do
        {
            ProviderPage<ProviderRepository> page = await client.ListRepositoriesAsync(cursor, CancellationToken.None);
            all.AddRange(page.Items);
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(207, all.Select(r => r.ExternalId).Distinct().Count());
        Assert.Equal("octocat/repo-207", all[^1].FullPath);
        Assert.All(_http.Requests, r =>
        {
            Assert.Equal($"Bearer {Token}", r.Header("Authorization"));
            Assert.Equal("2022-11-28", r.Header("X-GitHub-Api-Version"));
            Assert.StartsWith("IntegrationHub", r.Header("User-Agent"));
        });
        Assert.Equal(4999, client.LastRateLimit!.Remaining);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1750000000), client.LastRateLimit.ResetAt);
    }

    [Theory]
    [InlineData("github/api/user-repos.list.response.drone-go-scm.json", 1, "1296269", "octocat/Hello-World", "master", RepositoryVisibility.Public)]
    [InlineData("github/api/orgs-repos.list.response.json", 1, "1296269", "octocat/Hello-World", "master", RepositoryVisibility.Public)]
    [InlineData("github/api/user-repos.list.response.pygithub-recorded-2012.json", 16, "4454027", "jacquev6/TestPyGithub", null, RepositoryVisibility.Public)]
    [InlineData("github/api/orgs-repos.list.response.pygithub-recorded-2012.json", 2, "3400397", "BeaverSoftware/FatherBeaver", null, RepositoryVisibility.Public)]
    public async Task Parses_real_repository_listings(string fixture, int count, string id, string path, string? branch, RepositoryVisibility visibility)
    {
        _http.On(HttpMethod.Get, $"{Api}/user/repos", HttpStatusCode.OK, ApiFixtures.Text(fixture));
        ProviderPage<ProviderRepository> page = await Client().ListRepositoriesAsync(null, CancellationToken.None);
        Assert.Equal(count, page.Items.Count);
        Assert.Null(page.NextCursor);
        ProviderRepository first = page.Items[0];
        Assert.Equal((id, path, branch, visibility, false), (first.ExternalId, first.FullPath, first.DefaultBranch, first.Visibility, first.Archived));
        Assert.Equal(new Uri($"https://github.com/{path}"), first.HtmlUrl);
        Assert.Equal(new RepositoryRef(id, path), first.Ref);
    }

    [Fact]
    public async Task Old_answers_without_default_branch_fall_back_to_master_branch()
    {
        _http.On(HttpMethod.Get, $"{Api}/user/repos", HttpStatusCode.OK, ApiFixtures.Text("github/api/user-repos.list.response.pygithub-recorded-2012.json"));
        ProviderPage<ProviderRepository> page = await Client().ListRepositoriesAsync(null, CancellationToken.None);
        Assert.Equal("master", page.Items.Single(r => r.FullPath == "jacquev6/ViDE").DefaultBranch);
        Assert.True(page.Items[0].CanAdminHooks);
    }

    [Theory]
    [InlineData("github/api/repos-hooks.list.response.json", "12345678", "https://example.com/webhook", "unused")]
    [InlineData("github/api/repos-hooks.list.response.drone-go-scm.json", "1", "http://example.com/webhook", null)]
    [InlineData("github/api/repos-hooks.list.response.pygithub-recorded-2012.json", "257993", "http://foobar.com/", "ok")]
    public async Task Parses_real_hook_listings(string fixture, string id, string url, string? status)
    {
        _http.On(HttpMethod.Get, $"{Api}/repos/octocat/Hello-World/hooks", HttpStatusCode.OK, ApiFixtures.Text(fixture));
        ProviderHook hook = Assert.Single(await Client().Hooks.ListAsync(Repo, CancellationToken.None));
        Assert.Equal((id, new Uri(url), HookState.Active, status), (hook.Id, hook.Url, hook.State, hook.ProviderStatus));
    }

    [Fact]
    public async Task Creates_a_json_hook_with_secret_and_verified_tls()
    {
        _http.On(HttpMethod.Post, $"{Api}/repos/octocat/Hello-World/hooks", HttpStatusCode.Created, ApiFixtures.Text("github/api/repos-hooks.create.response.json"));
        HookSpec spec = new(new Uri("https://hub.example.com/hooks/github/42"), "s3cr3t-hook-secret", Providers.GitHub.GitHubDescriptor.Instance.DefaultHookEvents);

        ProviderHook hook = await Client().Hooks.CreateAsync(Repo, spec, CancellationToken.None);

        Assert.Equal("12345678", hook.Id);
        JsonNode body = _http.Single(HttpMethod.Post, Api).JsonBody();
        JsonNode expectedShape = ApiFixtures.Json("github/api/repos-hooks.create.request.json");
        Assert.Equal(expectedShape["name"]!.GetValue<string>(), body["name"]!.GetValue<string>());
        Assert.True(body["active"]!.GetValue<bool>());
        Assert.Equal("https://hub.example.com/hooks/github/42", body["config"]!["url"]!.GetValue<string>());
        Assert.Equal("json", body["config"]!["content_type"]!.GetValue<string>());
        Assert.Equal("0", body["config"]!["insecure_ssl"]!.GetValue<string>());
        Assert.Equal("s3cr3t-hook-secret", body["config"]!["secret"]!.GetValue<string>());
        Assert.Equal(spec.Events, body["events"]!.AsArray().Select(e => e!.GetValue<string>()));
    }

    [Fact]
    public async Task Updates_reenables_and_deletes_hooks()
    {
        string hookUrl = $"{Api}/repos/octocat/Hello-World/hooks/12345678";
        _http.On(HttpMethod.Patch, hookUrl, HttpStatusCode.OK, ApiFixtures.Text("github/api/repos-hooks.create.response.json"))
            .On(HttpMethod.Delete, hookUrl, HttpStatusCode.NoContent)
            .On(HttpMethod.Delete, $"{Api}/repos/octocat/Hello-World/hooks/1", HttpStatusCode.NotFound, """{"message":"Not Found"}""")
            .On(HttpMethod.Get, $"{Api}/repos/octocat/Hello-World/hooks/1", HttpStatusCode.NotFound, """{"message":"Not Found"}""");
        IProviderApi client = Client();
        HookSpec spec = new(new Uri("https://hub.example.com/hooks/github/42"), "secret", ["push"], Active: false);

        await client.Hooks.ReEnableAsync(Repo, "12345678", spec, CancellationToken.None);
        Assert.True(_http.Single(HttpMethod.Patch, hookUrl).JsonBody()["active"]!.GetValue<bool>());
        Assert.True(await client.Hooks.DeleteAsync(Repo, "12345678", CancellationToken.None));
        Assert.False(await client.Hooks.DeleteAsync(Repo, "1", CancellationToken.None));
        Assert.Null(await client.Hooks.GetAsync(Repo, "1", CancellationToken.None));
    }

    [Fact]
    public async Task Reads_the_user_and_the_granted_scopes()
    {
        _http.On(HttpMethod.Get, $"{Api}/user", HttpStatusCode.OK, """{"login":"octocat","id":1,"name":"The Octocat"}""", ("X-OAuth-Scopes", "repo, admin:repo_hook, read:user"));
        ProviderUser user = await Client().GetCurrentUserAsync(CancellationToken.None);
        Assert.Equal(new ProviderUser("1", "octocat", "The Octocat", user.GrantedScopes), user);
        Assert.Equal(["repo", "admin:repo_hook", "read:user"], user.GrantedScopes);
    }

    [Fact]
    public async Task Refuses_a_next_link_to_another_host()
    {
        _http.On(HttpMethod.Get, $"{Api}/user/repos", HttpStatusCode.OK, "[]", ("Link", "<http://169.254.169.254/latest/meta-data>; rel=\"next\""));
        ProviderApiException ex = await Assert.ThrowsAsync<ProviderApiException>(() => Client().ListRepositoriesAsync(null, CancellationToken.None));
        Assert.Equal(ProviderApiErrorKind.BadResponse, ex.Kind);
        await Assert.ThrowsAsync<ProviderApiException>(() => Client().ListRepositoriesAsync("https://evil.example.com/user/repos?page=2", CancellationToken.None));
        Assert.Single(_http.Requests);
    }
}
