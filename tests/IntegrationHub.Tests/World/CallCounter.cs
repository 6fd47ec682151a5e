using System.Collections.Concurrent;

namespace IntegrationHub.Tests.World;

/// <summary>Counts the hub's provider calls (method and path, never headers) on the "providers" HttpClient.</summary>
public sealed class CallCounter
{
    private long _total;

    public ConcurrentDictionary<string, int> ByRoute { get; } = new();

    public long Total => Interlocked.Read(ref _total);

    /// <summary>The counts now, to compare with later (<see cref="Since"/>).</summary>
    public Dictionary<string, int> Snapshot() => new(ByRoute);

    /// <summary>The calls made since <paramref name="before"/>, by route (routes not called since are left out).</summary>
    public Dictionary<string, int> Since(Dictionary<string, int> before) =>
        ByRoute.Select(c => (c.Key, N: c.Value - before.GetValueOrDefault(c.Key))).Where(c => c.N > 0).ToDictionary(c => c.Key, c => c.N);

    public void Add(HttpRequestMessage request)
    {
        Interlocked.Increment(ref _total);
        ByRoute.AddOrUpdate($"{request.Method} {request.RequestUri?.AbsolutePath}", 1, (_, n) => n + 1);
    }

    public sealed class Handler(CallCounter counter) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            counter.Add(request);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
