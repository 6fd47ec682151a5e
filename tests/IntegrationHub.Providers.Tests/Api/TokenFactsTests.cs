using System.Net;
using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.Tests.Api;

/// <summary>
/// DescribeTokenAsync: GitHub's scopes and expiry from response headers (none for a fine-grained token), GitLab's from
/// <c>/personal_access_tokens/self</c> (unknown where the instance does not have it).
/// </summary>
public sealed class TokenFactsTests
{
    private const string GitHubUser = """{"login":"octocat","id":1,"name":"The Octocat"}""";
    private const string GitLabUser = """{"id":24,"username":"project_7_bot_1a2b","name":"Deploy bot"}""";
    private readonly CannedHttp _http = new();
    private readonly TestClock _clock = new();

    [Fact]
    public async Task GitHub_classic_token_reports_its_scopes_and_expiry_from_the_headers()
    {
        _http.On(HttpMethod.Get, "https://ghe.example.com/api/v3/user", HttpStatusCode.OK, GitHubUser,
            ("X-OAuth-Scopes", "repo, admin:repo_hook"), ("GitHub-Authentication-Token-Expiration", "2031-10-07 19:07:53 UTC"));

        TokenFacts facts = await Api(ProviderKind.GitHub, "https://ghe.example.com").DescribeTokenAsync(CancellationToken.None);

        Assert.Equal(("1", "octocat"), (facts.User.Id, facts.User.Login));
        Assert.Equal(["repo", "admin:repo_hook"], facts.Scopes);
        Assert.Equal(new DateTimeOffset(2031, 10, 7, 19, 7, 53, TimeSpan.Zero), facts.ExpiresAt);
    }

    [Fact]
    public async Task GitHub_fine_grained_token_reports_no_scopes_rather_than_empty_ones()
    {
        _http.On(HttpMethod.Get, "https://api.github.com/user", HttpStatusCode.OK, GitHubUser);

        TokenFacts facts = await Api(ProviderKind.GitHub, "https://github.com").DescribeTokenAsync(CancellationToken.None);

        Assert.Null(facts.Scopes);
        Assert.Null(facts.ExpiresAt);
    }

    [Fact]
    public async Task GitLab_token_reports_scopes_and_expiry_date_from_personal_access_tokens_self()
    {
        _http.On(HttpMethod.Get, "https://gitlab.example.com/api/v4/user", HttpStatusCode.OK, GitLabUser)
            .On(HttpMethod.Get, "https://gitlab.example.com/api/v4/personal_access_tokens/self", HttpStatusCode.OK, """
                {"id":4,"name":"Test Token","revoked":false,"created_at":"2020-07-23T14:31:47.729Z","scopes":["read_api","read_repository"],
                 "user_id":24,"last_used_at":"2021-10-06T17:58:37.550Z","active":true,"expires_at":"2031-01-31"}
                """);

        TokenFacts facts = await Api(ProviderKind.GitLab, "https://gitlab.example.com").DescribeTokenAsync(CancellationToken.None);

        Assert.Equal("project_7_bot_1a2b", facts.User.Login);
        Assert.Equal(["read_api", "read_repository"], facts.Scopes);
        Assert.Equal(new DateTimeOffset(2031, 1, 31, 0, 0, 0, TimeSpan.Zero), facts.ExpiresAt);
    }

    [Fact]
    public async Task GitLab_without_the_self_endpoint_leaves_the_scopes_unknown()
    {
        _http.On(HttpMethod.Get, "https://gitlab.example.com/api/v4/user", HttpStatusCode.OK, GitLabUser)
            .On(HttpMethod.Get, "https://gitlab.example.com/api/v4/personal_access_tokens/self", HttpStatusCode.NotFound, """{"message":"404 Not Found"}""");

        TokenFacts facts = await Api(ProviderKind.GitLab, "https://gitlab.example.com").DescribeTokenAsync(CancellationToken.None);

        Assert.Null(facts.Scopes);
        Assert.Null(facts.ExpiresAt);
    }

    [Fact]
    public async Task GitLab_inactive_token_is_unauthorized()
    {
        _http.On(HttpMethod.Get, "https://gitlab.example.com/api/v4/user", HttpStatusCode.OK, GitLabUser)
            .On(HttpMethod.Get, "https://gitlab.example.com/api/v4/personal_access_tokens/self", HttpStatusCode.OK,
                """{"id":4,"scopes":["api"],"active":false,"revoked":true,"expires_at":null}""");

        var ex = await Assert.ThrowsAsync<ProviderApiException>(() => Api(ProviderKind.GitLab, "https://gitlab.example.com").DescribeTokenAsync(CancellationToken.None));

        Assert.Equal(ProviderApiErrorKind.Unauthorized, ex.Kind);
    }

    private IProviderApi Api(ProviderKind kind, string baseUrl) =>
        ProviderCatalog.For(kind).CreateApi(_http.Client(), new ProviderConnectionInfo(new Uri(baseUrl), "token-under-test"), _clock);
}
