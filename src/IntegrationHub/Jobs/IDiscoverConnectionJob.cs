using System.ComponentModel;
using Hangfire;

namespace IntegrationHub.Jobs;

/// <summary>
/// Walk every repository a connection sees, then plan its hooks. Enqueued by connect, refresh, a token added later and
/// the nightly re-discovery (through <see cref="JobStarter"/>, once per connection while one is open).
/// <paramref name="provider"/> and <paramref name="tenant"/> are for the dashboard's job name only.
/// </summary>
public interface IDiscoverConnectionJob
{
    [Queue(JobQueues.Discovery)]
    [DisplayName("Discover {1} · {2} (connection {0})")]
    Task RunAsync(Guid connectionId, string provider, string tenant, CancellationToken ct);
}
