using System.ComponentModel;
using Hangfire;

namespace IntegrationHub.Jobs;

/// <summary>
/// Disconnect and revoke: remove every live hook of the connection at the provider while its token still works, then
/// finish the clean-up (revoke the token, delete the secrets). Once per connection while one is open.
/// </summary>
public interface IRemoveHooksJob
{
    [Queue(JobQueues.Hooks)]
    [DisplayName("Remove hooks of {1} · {2} (connection {0})")]
    Task RunAsync(Guid connectionId, string provider, string tenant, CancellationToken ct);
}
