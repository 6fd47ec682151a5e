using System.Net.Http.Headers;

namespace IntegrationHub.Providers.Api;

/// <summary><c>Retry-After</c> as an instant: delta seconds or an HTTP date (RFC 9110 §10.2.3).</summary>
public static class RetryAfter
{
    public static DateTimeOffset? Read(HttpResponseHeaders headers, DateTimeOffset now) => headers.RetryAfter switch
    {
        { Delta: { } delta } => now + delta,
        { Date: { } date } => date,
        _ => null,
    };
}
