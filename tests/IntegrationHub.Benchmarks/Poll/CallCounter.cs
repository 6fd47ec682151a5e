using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;

namespace IntegrationHub.Benchmarks.Poll;

/// <summary>Counts the hub's provider requests, the 304 answers among them, the delivery sweeps and the rate-limit answers (never headers or bodies).</summary>
internal sealed class CallCounter
{
    private long _calls;
    private long _notModified;
    private long _sweeps;
    private long _limited;
    private long _probes;

    public long Calls => Interlocked.Read(ref _calls);
    public long NotModified => Interlocked.Read(ref _notModified);

    /// <summary>Reads of a hook's deliveries list: the delivery sweep, billed on every read.</summary>
    public long Sweeps => Interlocked.Read(ref _sweeps);

    /// <summary>GitHub GraphQL requests: the change probes.</summary>
    public long Probes => Interlocked.Read(ref _probes);

    /// <summary>Answers saying a rate limit was hit: 429, GitHub's 403 with no requests remaining or a Retry-After (its secondary limit), or a GraphQL RATE_LIMITED error.</summary>
    public long LimitAnswers => Interlocked.Read(ref _limited);

    /// <summary>Answers other than 304 by endpoint (the path after the repository, numbers as <c>{n}</c>): what the quota pays for.</summary>
    public ConcurrentDictionary<string, long> Billed { get; } = new(StringComparer.Ordinal);

    public DelegatingHandler Handler() => new Counting(this);

    private sealed class Counting(CallCounter counter) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
            // Counted when answered, with its status, so a call in flight at the end of a window is in neither count.
            Interlocked.Increment(ref counter._calls);
            if (request.Method == HttpMethod.Get && request.RequestUri?.AbsolutePath.EndsWith("/deliveries", StringComparison.Ordinal) == true)
            {
                Interlocked.Increment(ref counter._sweeps);
            }

            if (request.Method == HttpMethod.Post && request.RequestUri?.AbsolutePath.EndsWith("/graphql", StringComparison.Ordinal) == true)
            {
                Interlocked.Increment(ref counter._probes);
                // GitHub answers a spent GraphQL budget with 200 and a RATE_LIMITED error: only the body tells.
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                if ((await response.Content.ReadAsStringAsync(cancellationToken)).Contains("\"RATE_LIMITED\"", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref counter._limited);
                }
            }

            if (IsLimitAnswer(response))
            {
                Interlocked.Increment(ref counter._limited);
            }

            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                Interlocked.Increment(ref counter._notModified);
            }
            else
            {
                counter.Billed.AddOrUpdate(Endpoint(request.RequestUri), 1, (_, n) => n + 1);
            }

            return response;
        }
    }

    private static bool IsLimitAnswer(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.TooManyRequests
        || (response.StatusCode == HttpStatusCode.Forbidden
            && (response.Headers.RetryAfter is not null
                || (response.Headers.TryGetValues("x-ratelimit-remaining", out var left) && left.FirstOrDefault() == "0")));

    private static string Endpoint(Uri? url)
    {
        string path = url?.AbsolutePath ?? string.Empty;
        int repos = path.IndexOf("/repos/", StringComparison.Ordinal);
        string tail = repos < 0 ? path : string.Join('/', path[(repos + "/repos/".Length)..].Split('/').Skip(2));
        return Regex.Replace(tail, "/[0-9a-f]{40}|/[0-9]+", "/{n}");
    }
}
