using System.ComponentModel;
using Hangfire;

namespace IntegrationHub.Jobs;

/// <summary>A new secret for one hook; the old one stays accepted through the grace period.</summary>
public interface IRotateSecretJob
{
    [Queue(JobQueues.Hooks)]
    [DisplayName("Rotate the secret of a hook of {1} · {2} (hook {0})")]
    Task RunAsync(Guid hookId, string provider, string tenant, CancellationToken ct);
}
