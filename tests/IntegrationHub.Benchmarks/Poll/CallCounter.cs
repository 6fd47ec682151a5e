using System.Net;

namespace IntegrationHub.Benchmarks.Poll;

/// <summary>Counts the hub's provider requests and the 304 answers among them (never headers or bodies).</summary>
internal sealed class CallCounter
{
    private long _calls;
    private long _notModified;

    public long Calls => Interlocked.Read(ref _calls);
    public long NotModified => Interlocked.Read(ref _notModified);

    public DelegatingHandler Handler() => new Counting(this);

    private sealed class Counting(CallCounter counter) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref counter._calls);
            HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                Interlocked.Increment(ref counter._notModified);
            }

            return response;
        }
    }
}
