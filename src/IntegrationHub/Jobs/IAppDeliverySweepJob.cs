using System.ComponentModel;

namespace IntegrationHub.Jobs;

/// <summary>Recurring "github-app-deliveries": ask each GitHub App in use to redeliver its webhook's failed deliveries, once per app.</summary>
public interface IAppDeliverySweepJob
{
    [DisplayName("GitHub App delivery sweep")]
    Task RunAsync(CancellationToken ct);
}
