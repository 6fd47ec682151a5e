using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Providers.Api;

/// <summary>
/// The one place that sends API requests for a connection: adds auth and the provider's headers, records the
/// rate-limit snapshot of every answer and turns failures into <see cref="ProviderApiException"/>.
/// It never retries or sleeps: the caller owns time. It never logs; the token stays in the Authorization header.
/// Every call is bounded by the <paramref name="http"/> client's <see cref="HttpClient.Timeout"/> and
/// <see cref="HttpClient.MaxResponseContentBufferSize"/>, which the hub sets from its settings (<see cref="BoundedExchange"/>).
/// </summary>
internal sealed class ApiTransport(HttpClient http, ProviderDescriptor descriptor, ProviderConnectionInfo connection, TimeProvider time)
{
    private static readonly ProductInfoHeaderValue UserAgent = new("IntegrationHub", "1.0");
    private readonly AuthenticationHeaderValue _auth = descriptor.ApiAuth switch
    {
        ApiAuthScheme.BasicPat => new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + connection.AccessToken))),
        _ => new("Bearer", connection.AccessToken),
    };

    private RateLimitSnapshot? _lastRateLimit;

    public ProviderDescriptor Descriptor => descriptor;
    public ProviderConnectionInfo Connection => connection;
    public ProviderEndpoints Endpoints { get; } = descriptor.EndpointsFor(connection.BaseUrl);
    public TimeProvider Time => time;
    public RateLimitSnapshot? LastRateLimit => Volatile.Read(ref _lastRateLimit);

    /// <summary>An absolute URL under the API root; <paramref name="pathAndQuery"/> starts with '/'.</summary>
    public Uri Api(string pathAndQuery) => BaseUrls.Combine(Endpoints.ApiRoot.AbsoluteUri, pathAndQuery);

    public Task<ApiResponse> GetAsync(Uri url, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, url, null, cancellationToken);

    public async Task<ApiResponse> SendAsync(HttpMethod method, Uri url, JsonNode? body, CancellationToken cancellationToken) =>
        await TrySendAsync(method, url, body, notFoundIsNull: false, cancellationToken).ConfigureAwait(false)
        ?? throw new InvalidOperationException("unreachable");

    /// <summary>As <see cref="SendAsync"/>, but a 404/410 answer returns null (already deleted, hook gone).</summary>
    public async Task<ApiResponse?> TrySendAsync(HttpMethod method, Uri url, JsonNode? body, bool notFoundIsNull, CancellationToken cancellationToken) =>
        await TrySendAsync(method, url, body, notFoundIsNull, ifNoneMatch: null, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// A conditional GET: with <paramref name="etag"/> the provider may answer 304, returned as an empty response with
    /// status NotModified (GitHub does not count such answers against the rate limit). The poll uses this.
    /// </summary>
    public async Task<ApiResponse> GetConditionalAsync(Uri url, string? etag, CancellationToken cancellationToken) =>
        await TrySendAsync(HttpMethod.Get, url, null, notFoundIsNull: false, etag, cancellationToken).ConfigureAwait(false)
        ?? throw new InvalidOperationException("unreachable");

    private async Task<ApiResponse?> TrySendAsync(HttpMethod method, Uri url, JsonNode? body, bool notFoundIsNull, string? ifNoneMatch, CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = new(method, url);
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        request.Headers.Authorization = _auth;
        request.Headers.UserAgent.Add(UserAgent); // GitHub refuses requests without one.
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        foreach ((string name, string value) in descriptor.RequestHeaders)
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        // Bounded by the client's Timeout (headers and body) and MaxResponseContentBufferSize: see BoundedExchange.
        (HttpResponseMessage response, string text) = await BoundedExchange.SendAsync(
            http, request, descriptor.Kind, $"{descriptor.Slug}: {method} {url.AbsolutePath}", cancellationToken).ConfigureAwait(false);
        using (response)
        {
            DateTimeOffset now = time.GetUtcNow();
            RateLimitSnapshot? rateLimit = RateLimitSnapshot.Parse(response.Headers, descriptor.RateLimitHeaders, now);
            if (rateLimit is not null)
            {
                Volatile.Write(ref _lastRateLimit, rateLimit);
            }

            if (ifNoneMatch is not null && response.StatusCode == HttpStatusCode.NotModified)
            {
                return new ApiResponse(url, response.StatusCode, response.Headers, string.Empty, rateLimit);
            }

            if (notFoundIsNull && response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
            {
                return null;
            }

            // 203 is "success" to HttpClient, but Azure DevOps sends it with an HTML sign-in page for a bad PAT.
            if (!response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NonAuthoritativeInformation)
            {
                throw ProviderApiErrors.FromResponse(descriptor, method, url, response, text, rateLimit, now, connection.AccessToken);
            }

            return new ApiResponse(url, response.StatusCode, response.Headers, text, rateLimit);
        }
    }

    public T Read<T>(ApiResponse response, JsonSerializerOptions options)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(response.Body, options) ?? throw new JsonException("null body");
        }
        catch (JsonException ex)
        {
            throw BadResponse(response.RequestUrl, $"the answer is not the expected JSON ({ex.Message})", ex);
        }
    }

    public ProviderApiException BadResponse(Uri url, string why, Exception? inner = null) =>
        new(descriptor.Kind, ProviderApiErrorKind.BadResponse, $"{descriptor.Slug}: {url.AbsolutePath}: {why}", innerException: inner);

    /// <summary>
    /// A next-page URL the provider gave us (Link header, body <c>next</c>, or a caller's cursor) is followed with the
    /// token attached, so it must point back at the same API origin; anything else is refused, never fetched.
    /// </summary>
    public Uri CheckedNextUrl(string next)
    {
        if (!Uri.TryCreate(next, UriKind.Absolute, out Uri? url) || !BaseUrls.SameOrigin(url, Endpoints.ApiRoot))
        {
            throw BadResponse(Endpoints.ApiRoot, "a next-page link points away from the provider's API; refusing to follow it");
        }

        return url;
    }
}
