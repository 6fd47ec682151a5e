using System.ComponentModel;

namespace IntegrationHub.Jobs;

/// <summary>Recurring "retention": delete old deliveries, rejection counters and events. A run cut short leaves the rest to the next.</summary>
public interface IRetentionJob
{
    [DisplayName("Retention sweep")]
    Task RunAsync(CancellationToken ct);
}
