using System.Net;
using System.Net.Http.Headers;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.GitLab;
using IntegrationHub.Providers.Poll;

namespace IntegrationHub.Providers.Tests.Api;

/// <summary>
/// Every call is bounded by its HttpClient's MaxResponseContentBufferSize (the body, counted as read) and Timeout (headers
/// and body): a self-hosted connection may point at a hostile server, and no answer may hold a worker or its memory.
/// </summary>
public sealed class ResponseBoundsTests
{
    private const int Cap = 64 * 1024;
    private const string User = "https://ghe.example.com/api/v3/user";
    private readonly CannedHttp _http = new();
    private readonly TestClock _clock = new();

    private IProviderApi GitHub(HttpClient client) =>
        ProviderCatalog.For(ProviderKind.GitHub).CreateApi(client, new ProviderConnectionInfo(new Uri("https://ghe.example.com"), "t0ken"), _clock);

    private HttpClient Capped() => new(_http, disposeHandler: false) { MaxResponseContentBufferSize = Cap };

    private static HttpResponseMessage Body(Stream body, long? declaredLength = null)
    {
        var content = new StreamContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentLength = declaredLength; // none: read as a chunked body of unknown length
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    [Fact]
    public async Task A_body_of_unknown_length_over_the_cap_fails_with_the_reason_and_is_not_read_further()
    {
        var endless = new HostileStream();
        _http.On(HttpMethod.Get, User, _ => Body(endless));

        var ex = await Assert.ThrowsAsync<ProviderApiException>(() => GitHub(Capped()).GetCurrentUserAsync(CancellationToken.None));

        Assert.Equal(ProviderApiErrorKind.BadResponse, ex.Kind);
        Assert.Equal("github: GET /api/v3/user: the provider's answer was over the 64 KiB limit; it was not read further", ex.Message);
        Assert.False(ex.IsTransient);
        Assert.InRange(endless.Served, Cap, Cap + 64 * 1024); // read in chunks: at most one chunk past the cap
    }

    [Fact]
    public async Task A_declared_length_over_the_cap_is_refused_before_a_byte_is_read()
    {
        var endless = new HostileStream();
        _http.On(HttpMethod.Get, User, _ => Body(endless, declaredLength: 1L << 40));

        var ex = await Assert.ThrowsAsync<ProviderApiException>(() => GitHub(Capped()).GetCurrentUserAsync(CancellationToken.None));

        Assert.Contains("over the 64 KiB limit", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, endless.Served);
    }

    [Fact]
    public async Task A_body_exactly_at_the_cap_is_read()
    {
        string json = """{"id":7,"login":"octocat","name":"Octo"}""";
        _http.On(HttpMethod.Get, User, HttpStatusCode.OK, json + new string(' ', Cap - json.Length));

        ProviderUser user = await GitHub(Capped()).GetCurrentUserAsync(CancellationToken.None);

        Assert.Equal("octocat", user.Login);
    }

    [Fact]
    public async Task An_error_answer_over_the_cap_fails_with_the_same_reason()
    {
        _http.On(HttpMethod.Get, User, _ => new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StreamContent(new HostileStream()) });

        var ex = await Assert.ThrowsAsync<ProviderApiException>(() => GitHub(Capped()).GetCurrentUserAsync(CancellationToken.None));

        Assert.Contains("over the 64 KiB limit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provider_that_never_answers_times_out_with_the_reason()
    {
        using var client = new HttpClient(new StallingHandler()) { Timeout = TimeSpan.FromMilliseconds(300) };

        var ex = await Assert.ThrowsAsync<ProviderApiException>(() => GitHub(client).GetCurrentUserAsync(CancellationToken.None));

        Assert.Equal(ProviderApiErrorKind.Network, ex.Kind);
        Assert.StartsWith("github: GET /api/v3/user: no answer within 300 ms", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.IsTransient);
    }

    [Fact]
    public async Task A_body_that_trickles_forever_times_out_although_the_headers_came()
    {
        var trickle = new HostileStream(trickle: true);
        _http.On(HttpMethod.Get, User, _ => Body(trickle));
        using var client = new HttpClient(_http, disposeHandler: false) { Timeout = TimeSpan.FromMilliseconds(300) };

        var ex = await Assert.ThrowsAsync<ProviderApiException>(() => GitHub(client).GetCurrentUserAsync(CancellationToken.None));

        Assert.StartsWith("github: GET /api/v3/user: no answer within 300 ms", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, trickle.Served);
    }

    [Fact]
    public async Task The_callers_own_cancellation_stays_a_cancellation()
    {
        using var client = new HttpClient(new StallingHandler());
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => GitHub(client).GetCurrentUserAsync(cts.Token));
    }

    [Fact]
    public async Task An_OAuth_token_answer_over_the_cap_fails_with_the_reason()
    {
        _http.On(HttpMethod.Post, "https://gitlab.example.com/oauth/token", _ => Body(new HostileStream()));
        var tokens = new OAuthTokenClient(Capped(), GitLabDescriptor.Instance, new Uri("https://gitlab.example.com"), new("id", "secret"), _clock);

        var ex = await Assert.ThrowsAsync<ProviderApiException>(() => tokens.RefreshAsync("rt", CancellationToken.None));

        Assert.Equal("gitlab: https://gitlab.example.com: the provider's answer was over the 64 KiB limit; it was not read further", ex.Message);
    }

    [Fact]
    public async Task A_poll_whose_answer_is_over_the_cap_reports_the_reason_as_its_failure()
    {
        _http.On(HttpMethod.Get, "https://ghe.example.com/api/v3/repos/octo/hello/events", _ => Body(new HostileStream()));
        IPollReader reader = ProviderCatalog.For(ProviderKind.GitHub).CreatePollReader(Capped(), new ProviderConnectionInfo(new Uri("https://ghe.example.com"), "t0ken"), _clock);

        PollReadResult result = await reader.ReadAsync(new PollReadRequest(new RepositoryRef("1", "octo/hello"), new Dictionary<string, PollStreamCursor>(),
            _clock.Now.AddHours(-1)), CancellationToken.None);

        Assert.Contains("over the 64 KiB limit", result.Failure!.Message, StringComparison.Ordinal);
        Assert.Empty(result.Events);
    }
}
