using System.ComponentModel;
using Hangfire;

namespace IntegrationHub.Jobs;

/// <summary>
/// Look at each of a connection's hooks at the provider and repair what people or the provider changed; hooks checked
/// since <paramref name="since"/> are skipped, so a run postponed by a rate limit resumes where it stopped.
/// </summary>
public interface IReconcileHooksJob
{
    [Queue(JobQueues.Discovery)]
    [DisplayName("Reconcile hooks of {2} · {3} (connection {0})")]
    Task RunAsync(Guid connectionId, DateTimeOffset since, string provider, string tenant, CancellationToken ct);
}
