using System.Net;
using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.Tests.Api;

public sealed class RateLimitAndErrorTests
{
    private const string Token = "ghp_never_in_messages_123";
    private readonly CannedHttp _http = new();
    private readonly TestClock _clock = new();

    private IProviderApi Client(ProviderKind kind = ProviderKind.GitHub, string? baseUrl = null) =>
        ProviderCatalog.For(kind).CreateApi(_http.Client(), new ProviderConnectionInfo(baseUrl is null ? null : new Uri(baseUrl), Token), _clock);

    private async Task<ProviderApiException> FailingUserCall(IProviderApi client) =>
        await Assert.ThrowsAsync<ProviderApiException>(() => client.GetCurrentUserAsync(CancellationToken.None));

    [Fact]
    public async Task GitHub_403_with_no_requests_left_is_rate_limited_until_the_reset()
    {
        long reset = _clock.Now.AddMinutes(17).ToUnixTimeSeconds();
        _http.On(HttpMethod.Get, "https://api.github.com/user", HttpStatusCode.Forbidden, """{"message":"API rate limit exceeded for user ID 1."}""",
            ("X-RateLimit-Limit", "5000"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", reset.ToString()));

        ProviderApiException ex = await FailingUserCall(Client());

        Assert.Equal(ProviderApiErrorKind.RateLimited, ex.Kind);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(reset), ex.RetryAt);
        Assert.Equal(0, ex.RateLimit!.Remaining);
        Assert.True(ex.IsTransient);
    }

    [Fact]
    public async Task GitHub_secondary_limit_403_with_Retry_After()
    {
        _http.On(HttpMethod.Get, "https://api.github.com/user", HttpStatusCode.Forbidden,
            """{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}""", ("Retry-After", "30"), ("X-RateLimit-Remaining", "4000"));
        ProviderApiException ex = await FailingUserCall(Client());
        Assert.Equal((ProviderApiErrorKind.RateLimited, _clock.Now.AddSeconds(30)), (ex.Kind, ex.RetryAt));
    }

    [Fact]
    public async Task GitHub_secondary_limit_without_headers_waits_a_minute()
    {
        _http.On(HttpMethod.Get, "https://api.github.com/user", HttpStatusCode.Forbidden, """{"message":"You have exceeded a secondary rate limit."}""");
        ProviderApiException ex = await FailingUserCall(Client());
        Assert.Equal((ProviderApiErrorKind.RateLimited, _clock.Now.AddMinutes(1)), (ex.Kind, ex.RetryAt));
    }

    [Fact]
    public async Task A_429_resumes_after_Retry_After()
    {
        _http.On(HttpMethod.Get, "https://gitlab.com/api/v4/user", HttpStatusCode.TooManyRequests, """{"message":"Retry later"}""",
            ("Retry-After", "42"), ("RateLimit-Remaining", "0"), ("RateLimit-Limit", "2000"), ("RateLimit-Reset", _clock.Now.AddSeconds(60).ToUnixTimeSeconds().ToString()));
        IProviderApi client = Client(ProviderKind.GitLab);
        ProviderApiException ex = await FailingUserCall(client);
        Assert.Equal((ProviderApiErrorKind.RateLimited, _clock.Now.AddSeconds(42)), (ex.Kind, ex.RetryAt));
        Assert.Equal(new RateLimitSnapshot(2000, 0, _clock.Now.AddSeconds(60), _clock.Now), client.LastRateLimit);
        Assert.True(client.LastRateLimit!.IsExhausted);
    }

    [Fact]
    public async Task Azure_429_TF400733_uses_its_reset_header_when_there_is_no_Retry_After()
    {
        _http.On(HttpMethod.Get, "https://dev.azure.com/org/_apis/connectionData", HttpStatusCode.TooManyRequests,
            """{"message":"TF400733: The request has been canceled: Request was blocked due to exceeding usage of resource."}""",
            ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", _clock.Now.AddSeconds(90).ToUnixTimeSeconds().ToString()));
        ProviderApiException ex = await FailingUserCall(Client(ProviderKind.AzureDevOps, "https://dev.azure.com/org"));
        Assert.Equal((ProviderApiErrorKind.RateLimited, _clock.Now.AddSeconds(90)), (ex.Kind, ex.RetryAt));
        Assert.Contains("TF400733", ex.ProviderMessage);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, ProviderApiErrorKind.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden, ProviderApiErrorKind.Forbidden)]
    [InlineData(HttpStatusCode.NotFound, ProviderApiErrorKind.NotFound)]
    [InlineData(HttpStatusCode.UnprocessableEntity, ProviderApiErrorKind.Rejected)]
    [InlineData(HttpStatusCode.BadGateway, ProviderApiErrorKind.Server)]
    public async Task Statuses_map_to_kinds_and_messages_never_hold_the_token(HttpStatusCode status, ProviderApiErrorKind kind)
    {
        // A provider echoing the token back must not put it into our exception.
        _http.On(HttpMethod.Get, "https://api.github.com/user", status, $$"""{"message":"Bad credentials for {{Token}}"}""");
        ProviderApiException ex = await FailingUserCall(Client());
        Assert.Equal((kind, status), (ex.Kind, ex.StatusCode));
        Assert.DoesNotContain(Token, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, ex.ProviderMessage!, StringComparison.Ordinal);
        Assert.Contains("GET /user", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bitbucket_DC_errors_array_and_5xx_Retry_After_are_read()
    {
        _http.On(HttpMethod.Get, "https://bb.example.com/rest/api/1.0/application-properties", HttpStatusCode.ServiceUnavailable,
            """{"errors":[{"context":null,"message":"Bitbucket is starting up","exceptionName":null}]}""", ("Retry-After", "120"));
        ProviderApiException ex = await FailingUserCall(Client(ProviderKind.BitbucketDataCenter, "https://bb.example.com"));
        Assert.Equal((ProviderApiErrorKind.Server, "Bitbucket is starting up", _clock.Now.AddSeconds(120)), (ex.Kind, ex.ProviderMessage, ex.RetryAt));
    }

    [Fact]
    public async Task Network_failures_and_garbage_answers_have_their_own_kinds()
    {
        _http.On(HttpMethod.Get, "https://api.github.com/user", _ => throw new HttpRequestException("Connection refused"));
        Assert.Equal(ProviderApiErrorKind.Network, (await FailingUserCall(Client())).Kind);

        CannedHttp garbage = new();
        garbage.On(HttpMethod.Get, "https://api.github.com/user", HttpStatusCode.OK, "<html>proxy login</html>");
        IProviderApi client = ProviderCatalog.For(ProviderKind.GitHub).CreateApi(garbage.Client(), new ProviderConnectionInfo(null, Token), _clock);
        Assert.Equal(ProviderApiErrorKind.BadResponse, (await FailingUserCall(client)).Kind);
    }

    [Fact]
    public async Task Every_successful_answer_updates_the_snapshot()
    {
        _http.On(HttpMethod.Get, "https://api.github.com/user", HttpStatusCode.OK, """{"id":1,"login":"a"}""",
                ("X-RateLimit-Limit", "5000"), ("X-RateLimit-Remaining", "12"), ("X-RateLimit-Reset", "1750000000"));
        IProviderApi client = Client();
        Assert.Null(client.LastRateLimit);
        await client.GetCurrentUserAsync(CancellationToken.None);
        Assert.Equal(new RateLimitSnapshot(5000, 12, DateTimeOffset.FromUnixTimeSeconds(1750000000), _clock.Now), client.LastRateLimit);
    }
}
