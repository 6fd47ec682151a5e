using System.ComponentModel;
using Hangfire;

namespace IntegrationHub.Jobs;

/// <summary>
/// Converge a batch of a connection's repositories on what their settings want: a hook when watched, none otherwise.
/// One job per batch (Hub:Discover:BatchSize repositories), never one per repository: Hangfire enqueues about 160 jobs a
/// second, and a connection may have tens of thousands of repositories. Batches run on every node at once.
/// </summary>
public interface IHookBatchJob
{
    [Queue(JobQueues.Hooks)]
    [DisplayName("Register or remove hooks of {2} · {3}: {4} repositories (connection {0})")]
    Task RunAsync(Guid connectionId, Guid[] repositoryIds, string provider, string tenant, int count, CancellationToken ct);
}
