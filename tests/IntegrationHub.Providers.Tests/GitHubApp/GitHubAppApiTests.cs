using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.GitHub;
using IntegrationHub.Providers.Tests.Api;

namespace IntegrationHub.Providers.Tests.GitHubApp;

public sealed class GitHubAppApiTests : IDisposable
{
    private const string Api = "https://api.github.com";
    private readonly CannedHttp _http = new();
    private readonly RSA _key = RSA.Create(2048);
    private readonly TestClock _clock = new();

    private GitHubAppApi App(Uri? baseUrl = null) => new(_http.Client(), baseUrl, "29310", _key.ExportRSAPrivateKeyPem(), _clock);

    [Fact]
    public async Task Mints_an_installation_token_as_the_app_with_a_JWT_GitHub_can_verify()
    {
        _http.On(HttpMethod.Post, $"{Api}/app/installations/957387/access_tokens", HttpStatusCode.Created,
            """{"token":"ghs_16C7e42F292c6912E7710c838347Ae178B4a","expires_at":"2016-07-11T22:14:10Z","permissions":{"issues":"write"},"repository_selection":"selected"}""");
        using GitHubAppApi app = App();

        GitHubInstallationToken token = await app.CreateInstallationTokenAsync(957387, CancellationToken.None);

        Assert.Equal("ghs_16C7e42F292c6912E7710c838347Ae178B4a", token.Token);
        Assert.Equal(new DateTimeOffset(2016, 7, 11, 22, 14, 10, TimeSpan.Zero), token.ExpiresAt);
        Assert.DoesNotContain("ghs_", token.ToString());
        RecordedRequest request = _http.Single(HttpMethod.Post, $"{Api}/app/installations/957387/access_tokens");
        string bearer = request.Header("Authorization")!;
        Assert.StartsWith("Bearer ", bearer);
        string[] parts = bearer["Bearer ".Length..].Split('.');
        Assert.True(_key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), FromBase64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.Equal("29310", (string?)JsonNode.Parse(FromBase64Url(parts[1]))!["iss"]);
        Assert.Equal("2022-11-28", request.Header("X-GitHub-Api-Version"));
    }

    [Fact]
    public async Task An_Enterprise_Server_app_calls_its_api_v3()
    {
        _http.On(HttpMethod.Post, "https://ghe.example/api/v3/app/installations/7/access_tokens", HttpStatusCode.Created,
            """{"token":"ghs_x","expires_at":"2026-01-01T01:00:00Z"}""");
        using GitHubAppApi app = App(new Uri("https://ghe.example"));
        Assert.Equal("ghs_x", (await app.CreateInstallationTokenAsync(7, CancellationToken.None)).Token);
    }

    [Fact]
    public async Task A_refused_JWT_is_an_unauthorized_error_that_quotes_no_JWT()
    {
        _http.On(HttpMethod.Post, $"{Api}/app/installations/1/access_tokens", HttpStatusCode.Unauthorized,
            """{"message":"A JSON web token could not be decoded"}""");
        using GitHubAppApi app = App();
        var ex = await Assert.ThrowsAsync<ProviderApiException>(() => app.CreateInstallationTokenAsync(1, CancellationToken.None));
        Assert.Equal(ProviderApiErrorKind.Unauthorized, ex.Kind);
        Assert.DoesNotContain("eyJ", ex.Message);
    }

    [Fact]
    public async Task Reads_and_deletes_an_installation_and_says_when_it_is_gone()
    {
        JsonNode installation = ApiFixtures.Json("github/installation.created.json")["installation"]!;
        _http.On(HttpMethod.Get, $"{Api}/app/installations/957387", HttpStatusCode.OK, installation.ToJsonString())
            .On(HttpMethod.Get, $"{Api}/app/installations/5", HttpStatusCode.NotFound, """{"message":"Not Found"}""")
            .On(HttpMethod.Delete, $"{Api}/app/installations/957387", HttpStatusCode.NoContent)
            .On(HttpMethod.Delete, $"{Api}/app/installations/5", HttpStatusCode.NotFound, """{"message":"Not Found"}""");
        using GitHubAppApi app = App();

        GitHubInstallation? found = await app.GetInstallationAsync(957387, CancellationToken.None);
        Assert.Equal(new GitHubInstallation(957387, 29310, 21031067, "Codertocat", "User", "selected", null), found);
        Assert.Null(await app.GetInstallationAsync(5, CancellationToken.None));
        Assert.True(await app.DeleteInstallationAsync(957387, CancellationToken.None));
        Assert.False(await app.DeleteInstallationAsync(5, CancellationToken.None));
    }

    [Fact]
    public async Task Lists_installation_repositories_across_pages_with_the_installation_token()
    {
        JsonNode fixture = ApiFixtures.Json("github/api/installation-repositories.list.response.drone-go-scm.json");
        JsonNode template = fixture["repositories"]![0]!;
        JsonObject Page(int first, int count) => new()
        {
            ["total_count"] = 150,
            ["repositories"] = ApiFixtures.Copies(template, first, count, (r, i) => { r["id"] = i; r["full_name"] = $"octocat/repo-{i}"; }),
        };
        string first = $"{Api}/installation/repositories?per_page=100";
        string second = $"{Api}/installation/repositories?per_page=100&page=2";
        _http.On(HttpMethod.Get, first, HttpStatusCode.OK, Page(1, 100).ToJsonString(), ("Link", $"<{second}>; rel=\"next\", <{second}>; rel=\"last\""))
            .On(HttpMethod.Get, second, HttpStatusCode.OK, Page(101, 50).ToJsonString(), ("Link", $"<{first}>; rel=\"prev\""));
        using GitHubAppApi app = App();

        ProviderPage<ProviderRepository> one = await app.ListInstallationRepositoriesAsync("ghs_installation", null, CancellationToken.None);
        ProviderPage<ProviderRepository> two = await app.ListInstallationRepositoriesAsync("ghs_installation", one.NextCursor, CancellationToken.None);

        Assert.Equal(second, one.NextCursor);
        Assert.Null(two.NextCursor);
        Assert.Equal(150, one.Items.Concat(two.Items).Select(r => r.ExternalId).Distinct().Count());
        Assert.Equal("octocat/repo-150", two.Items[^1].FullPath);
        Assert.All(_http.Requests, r => Assert.Equal("Bearer ghs_installation", r.Header("Authorization")));
    }

    [Fact]
    public async Task Lists_the_installations_a_user_token_reaches_and_refuses_a_next_link_elsewhere()
    {
        JsonNode installation = ApiFixtures.Json("github/installation.created.json")["installation"]!;
        _http.On(HttpMethod.Get, $"{Api}/user/installations?per_page=100", HttpStatusCode.OK,
            new JsonObject { ["total_count"] = 1, ["installations"] = new JsonArray(installation.DeepClone()) }.ToJsonString(),
            ("Link", "<https://evil.example/user/installations?page=2>; rel=\"next\""));
        using GitHubAppApi app = App();

        var ex = await Assert.ThrowsAsync<ProviderApiException>(() => app.ListUserInstallationsAsync("ghu_user", null, CancellationToken.None));
        Assert.Contains("points away", ex.Message);

        var fresh = new CannedHttp().On(HttpMethod.Get, $"{Api}/user/installations?per_page=100", HttpStatusCode.OK,
            new JsonObject { ["total_count"] = 1, ["installations"] = new JsonArray(installation.DeepClone()) }.ToJsonString());
        using var app2 = new GitHubAppApi(fresh.Client(), null, "29310", _key.ExportPkcs8PrivateKeyPem(), _clock);
        ProviderPage<GitHubInstallation> page = await app2.ListUserInstallationsAsync("ghu_user", null, CancellationToken.None);
        Assert.Equal(957387, Assert.Single(page.Items).Id);
        Assert.Null(page.NextCursor);
        Assert.Equal("Bearer ghu_user", Assert.Single(fresh.Requests).Header("Authorization"));
    }

    public void Dispose()
    {
        _key.Dispose();
        _http.Dispose();
    }

    private static byte[] FromBase64Url(string text)
    {
        string padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - padded.Length % 4) % 4));
    }
}
