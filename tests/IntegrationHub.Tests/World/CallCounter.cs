using System.Collections.Concurrent;

namespace IntegrationHub.Tests.World;

/// <summary>Counts the hub's provider calls (method and path, never headers) on the "providers" HttpClient.</summary>
public sealed class CallCounter
{
    private long _total;

    public ConcurrentDictionary<string, int> ByRoute { get; } = new();

    public long Total => Interlocked.Read(ref _total);

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
