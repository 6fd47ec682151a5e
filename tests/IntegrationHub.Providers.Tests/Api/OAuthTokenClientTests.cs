using System.Net;
using System.Text;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.BitbucketCloud;
using IntegrationHub.Providers.GitHub;
using IntegrationHub.Providers.GitLab;

namespace IntegrationHub.Providers.Tests.Api;

public sealed class OAuthTokenClientTests
{
    private static readonly OAuthClientCredentials App = new("client-id-1", "client-secret-xyz");
    private static readonly Uri Redirect = new("https://hub.example.com/connect/gitlab/callback");
    private readonly CannedHttp _http = new();
    private readonly TestClock _clock = new();

    private OAuthTokenClient Client(ProviderDescriptor descriptor, string? baseUrl = null) =>
        new(_http.Client(), descriptor, baseUrl is null ? null : new Uri(baseUrl), App, _clock);

    [Fact]
    public async Task GitLab_exchange_sends_the_PKCE_verifier_and_computes_expiry()
    {
        _http.On(HttpMethod.Post, "https://gitlab.example.com/oauth/token", HttpStatusCode.OK,
            """{"access_token":"at-1","token_type":"Bearer","expires_in":7200,"refresh_token":"rt-1","scope":"api read_user read_api","created_at":1607635748}""");

        OAuthTokens tokens = await Client(GitLabDescriptor.Instance, "https://gitlab.example.com").ExchangeCodeAsync("code-1", Redirect, "verifier-abc", CancellationToken.None);

        Assert.Equal(("at-1", "rt-1", _clock.Now.AddHours(2)), (tokens.AccessToken, tokens.RefreshToken, tokens.ExpiresAt));
        Assert.Equal(["api", "read_user", "read_api"], tokens.GrantedScopes);
        Dictionary<string, string> form = _http.Requests[0].FormBody();
        Assert.Equal("authorization_code", form["grant_type"]);
        Assert.Equal("code-1", form["code"]);
        Assert.Equal("verifier-abc", form["code_verifier"]);
        Assert.Equal(Redirect.AbsoluteUri, form["redirect_uri"]);
        Assert.Equal(("client-id-1", "client-secret-xyz"), (form["client_id"], form["client_secret"]));
    }

    [Fact]
    public async Task GitLab_refresh_refused_with_invalid_grant_needs_reauthorization()
    {
        _http.On(HttpMethod.Post, "https://gitlab.com/oauth/token", HttpStatusCode.BadRequest,
            """{"error":"invalid_grant","error_description":"The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client."}""");

        OAuthException ex = await Assert.ThrowsAsync<OAuthException>(() => Client(GitLabDescriptor.Instance).RefreshAsync("rt-old", CancellationToken.None));

        Assert.Equal(OAuthErrorCodes.InvalidGrant, ex.Error);
        Assert.True(ex.NeedsReauthorization);
        Assert.Equal("refresh_token", _http.Requests[0].FormBody()["grant_type"]);
        Assert.Equal("rt-old", _http.Requests[0].FormBody()["refresh_token"]);
        Assert.DoesNotContain("rt-old", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GitHub_asks_for_json_and_reads_its_200_error_answers()
    {
        _http.On(HttpMethod.Post, "https://github.com/login/oauth/access_token", HttpStatusCode.OK,
            """{"error":"bad_verification_code","error_description":"The code passed is incorrect or expired.","error_uri":"https://docs.github.com/"}""");

        OAuthException ex = await Assert.ThrowsAsync<OAuthException>(() => Client(GitHubDescriptor.Instance).ExchangeCodeAsync("bad", Redirect, null, CancellationToken.None));

        Assert.Equal((OAuthErrorCodes.InvalidGrant, "bad_verification_code"), (ex.Error, ex.ProviderError));
        Assert.Equal("application/json", _http.Requests[0].Header("Accept"));
        Assert.DoesNotContain("code_verifier", _http.Requests[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GitHub_Enterprise_token_without_expiry_and_comma_scopes()
    {
        _http.On(HttpMethod.Post, "https://ghes.example.com/login/oauth/access_token", HttpStatusCode.OK,
            """{"access_token":"gho_1","token_type":"bearer","scope":"admin:repo_hook,read:user,repo"}""");
        OAuthTokens tokens = await Client(GitHubDescriptor.Instance, "https://ghes.example.com").ExchangeCodeAsync("c", Redirect, "v", CancellationToken.None);
        Assert.Equal((null, null), (tokens.RefreshToken, tokens.ExpiresAt));
        Assert.Equal(["admin:repo_hook", "read:user", "repo"], tokens.GrantedScopes);
    }

    [Fact]
    public async Task Bitbucket_uses_basic_client_auth_and_keeps_the_refresh_token_it_was_given()
    {
        _http.On(HttpMethod.Post, "https://bitbucket.org/site/oauth2/access_token", HttpStatusCode.OK,
            """{"access_token":"bb-at-2","scopes":"account repository webhook","expires_in":7200,"token_type":"bearer","state":"refresh_token"}""");

        OAuthTokens tokens = await Client(BitbucketCloudDescriptor.Instance).RefreshAsync("bb-rt-1", CancellationToken.None);

        Assert.Equal(("bb-at-2", "bb-rt-1"), (tokens.AccessToken, tokens.RefreshToken));
        Assert.Equal(["account", "repository", "webhook"], tokens.GrantedScopes);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("client-id-1:client-secret-xyz")), _http.Requests[0].Header("Authorization"));
        Assert.DoesNotContain("client_secret", _http.Requests[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bitbucket_invalid_client_and_scope_errors_come_with_plain_words()
    {
        _http.On(HttpMethod.Post, "https://bitbucket.org/site/oauth2/access_token", HttpStatusCode.Unauthorized, """{"error":"invalid_client","error_description":"Invalid OAuth client credentials"}""");
        OAuthException ex = await Assert.ThrowsAsync<OAuthException>(() => Client(BitbucketCloudDescriptor.Instance).ExchangeCodeAsync("c", Redirect, null, CancellationToken.None));
        Assert.Equal(OAuthErrorCodes.InvalidClient, ex.Error);
        Assert.Contains("client ID or secret", ex.Message, StringComparison.Ordinal);

        OAuthException callback = OAuthException.FromCallback(ProviderKind.BitbucketCloud, "invalid_scope", "scope webhook not enabled on consumer");
        Assert.Equal(OAuthErrorCodes.InvalidScope, callback.Error);
        Assert.Contains("permissions", callback.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GitLab_revokes_with_an_RFC7009_form()
    {
        _http.On(HttpMethod.Post, "https://gitlab.com/oauth/revoke", HttpStatusCode.OK, "{}");
        Assert.True(await Client(GitLabDescriptor.Instance).RevokeAsync("at-9", CancellationToken.None));
        Dictionary<string, string> form = _http.Requests[0].FormBody();
        Assert.Equal(("at-9", "client-id-1", "client-secret-xyz"), (form["token"], form["client_id"], form["client_secret"]));
    }

    [Fact]
    public async Task GitHub_revokes_by_deleting_the_application_token_with_basic_auth()
    {
        _http.On(HttpMethod.Delete, "https://api.github.com/applications/client-id-1/token", HttpStatusCode.NoContent);
        Assert.True(await Client(GitHubDescriptor.Instance).RevokeAsync("gho_9", CancellationToken.None));
        RecordedRequest request = _http.Requests[0];
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("client-id-1:client-secret-xyz")), request.Header("Authorization"));
        Assert.Equal("gho_9", request.JsonBody()["access_token"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bitbucket_has_no_revoke_and_PAT_providers_no_OAuth()
    {
        Assert.False(await Client(BitbucketCloudDescriptor.Instance).RevokeAsync("x", CancellationToken.None));
        Assert.Empty(_http.Requests);
        Assert.Throws<NotSupportedException>(() => Client(ProviderCatalog.For(ProviderKind.AzureDevOps).Descriptor, "https://dev.azure.com/org"));
    }

    [Fact]
    public async Task An_unreachable_token_endpoint_is_a_network_error()
    {
        _http.On(HttpMethod.Post, "https://gitlab.example.com/oauth/token", _ => throw new HttpRequestException("Name or service not known"));
        ProviderApiException ex = await Assert.ThrowsAsync<ProviderApiException>(() =>
            Client(GitLabDescriptor.Instance, "https://gitlab.example.com").ExchangeCodeAsync("c", Redirect, "v", CancellationToken.None));
        Assert.Equal(ProviderApiErrorKind.Network, ex.Kind);
    }

    [Fact]
    public void Builds_the_authorize_url_with_scopes_state_and_S256_challenge()
    {
        // RFC 7636 appendix B test vector.
        string challenge = Pkce.Challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
        Assert.Equal("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", challenge);
        Assert.Equal(43, Pkce.CreateVerifier().Length);

        Uri url = Client(GitLabDescriptor.Instance).BuildAuthorizeUrl(Redirect, "state-1", challenge);
        Assert.StartsWith("https://gitlab.com/oauth/authorize?response_type=code&client_id=client-id-1&", url.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("scope=api%20read_user%20read_api", url.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("&state=state-1&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256", url.AbsoluteUri, StringComparison.Ordinal);
    }
}
