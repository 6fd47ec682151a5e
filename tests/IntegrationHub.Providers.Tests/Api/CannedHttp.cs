using System.Net;
using System.Text;

namespace IntegrationHub.Providers.Tests.Api;

/// <summary>
/// Canned HTTP for API-client tests: answers routed by method and URL (path, or path and query when the route has
/// one), records every request, and fails the test on any request it was not told about.
/// </summary>
internal sealed class CannedHttp : HttpMessageHandler
{
    private readonly List<(HttpMethod Method, string Target, Queue<Func<RecordedRequest, HttpResponseMessage>> Answers)> _routes = [];

    public List<RecordedRequest> Requests { get; } = [];

    /// <summary>Answers <paramref name="method"/> <paramref name="target"/> (absolute URL; the query must match when given).
    /// Several answers for one route are used in turn, the last one repeatedly.</summary>
    public CannedHttp On(HttpMethod method, string target, Func<RecordedRequest, HttpResponseMessage> answer)
    {
        var route = _routes.FirstOrDefault(r => r.Method == method && r.Target == target);
        if (route.Answers is null)
        {
            route = (method, target, new Queue<Func<RecordedRequest, HttpResponseMessage>>());
            _routes.Add(route);
        }

        route.Answers.Enqueue(answer);
        return this;
    }

    public CannedHttp On(HttpMethod method, string target, HttpStatusCode status, string? json = null, params (string Name, string Value)[] headers) =>
        On(method, target, _ => Json(status, json, headers));

    public HttpClient Client() => new(this, disposeHandler: false);

    public RecordedRequest Single(HttpMethod method, string pathPrefix) =>
        Assert.Single(Requests, r => r.Method == method && r.Url.AbsoluteUri.StartsWith(pathPrefix, StringComparison.Ordinal));

    public static HttpResponseMessage Json(HttpStatusCode status, string? json, params (string Name, string Value)[] headers)
    {
        HttpResponseMessage response = new(status);
        if (json is not null)
        {
            response.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        foreach ((string name, string value) in headers)
        {
            if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                response.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        RecordedRequest recorded = new(request.Method, request.RequestUri!, request.Headers.ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase), body);
        Requests.Add(recorded);
        Uri url = request.RequestUri!;
        var route = _routes.FirstOrDefault(r => r.Method == request.Method && Matches(r.Target, url));
        if (route.Answers is null)
        {
            // Not HttpRequestException: the client must not turn this into a "network" error.
            throw new InvalidOperationException($"Unexpected request: {request.Method} {url}");
        }

        Func<RecordedRequest, HttpResponseMessage> answer = route.Answers.Count > 1 ? route.Answers.Dequeue() : route.Answers.Peek();
        HttpResponseMessage response = answer(recorded);
        response.RequestMessage = request;
        return response;
    }

    private static bool Matches(string target, Uri url) =>
        target.Contains('?', StringComparison.Ordinal)
            ? string.Equals(target, url.AbsoluteUri, StringComparison.Ordinal)
            : string.Equals(target, url.GetLeftPart(UriPartial.Path), StringComparison.Ordinal);
}
