using IntegrationHub.ProviderAccess;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.World;

/// <summary>
/// Holds one worker node's provider calls that <paramref name="holds"/> picks until the test releases them: a slow node,
/// made slow exactly where the test wants it instead of by a latency that assumes how fast the machine is. A held call
/// goes out when released whatever became of its job meanwhile (it was on the wire), as a slow node's would.
/// </summary>
public sealed class ProviderCallGate(Func<HttpRequestMessage, bool> holds)
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<HttpRequestMessage, bool> _holds = holds;

    /// <summary>Holds the <paramref name="n"/>th <paramref name="method"/> call whose path ends with <paramref name="pathEnd"/>.</summary>
    public static ProviderCallGate Nth(HttpMethod method, string pathEnd, int n)
    {
        int seen = 0;
        return new ProviderCallGate(r => r.Method == method && (r.RequestUri?.AbsolutePath.EndsWith(pathEnd, StringComparison.Ordinal) ?? false)
            && Interlocked.Increment(ref seen) == n);
    }

    /// <summary>Completes when the call is held.</summary>
    public Task Entered => _entered.Task;

    public void Release() => _released.TrySetResult();

    /// <summary>Adds the gate to the node's provider HttpClient (inside the world's call counter).</summary>
    public void AddTo(IServiceCollection services) =>
        services.AddHttpClient(ConnectionApis.HttpClientName).AddHttpMessageHandler(() => new Handler(this));

    private sealed class Handler(ProviderCallGate gate) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (gate._released.Task.IsCompleted || !gate._holds(request))
            {
                return await base.SendAsync(request, cancellationToken);
            }

            gate._entered.TrySetResult();
            await gate._released.Task;
            return await base.SendAsync(request, CancellationToken.None);
        }
    }
}
