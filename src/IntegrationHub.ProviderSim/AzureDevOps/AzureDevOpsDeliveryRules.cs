using IntegrationHub.ProviderSim.Delivery;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.AzureDevOps;

/// <summary>
/// Service hooks retry transient failures, disable on 410 and put a subscription on probation otherwise; a subscription
/// that is not enabled gets no new events. https://learn.microsoft.com/azure/devops/service-hooks/troubleshoot#probation
/// </summary>
internal sealed class AzureDevOpsDeliveryRules(SimulatorOptions options) : IDeliveryRules
{
    public ProviderId Provider => AzureDevOpsProvider.Id;

    public IEnumerable<KeyValuePair<string, string>> AttemptHeaders(int attempt) => [];

    /// <summary>408/502/503/504 and failed connections are retried (up to 8 times); 410 disables; other failures put the subscription on probation.</summary>
    public DeliveryWork? After(DeliveryRecord record, DeliveryAttempt attempt, bool ok)
    {
        var hook = record.Hook;
        if (ok)
        {
            hook.Status = "enabled";
            hook.ProbationRetries = 0;
            return null;
        }

        if (attempt.StatusCode == 410)
        {
            hook.Status = "disabledBySystem";
            return null;
        }

        var transient = attempt.StatusCode is null or 408 or 502 or 503 or 504;
        if (transient && attempt.Number < 9)
        {
            return new DeliveryWork(record, attempt.Number + 1, options.DeliveryRetryDelay);
        }

        hook.Status = "onProbation";
        hook.ProbationRetries++;
        return null;
    }

    public string? SkipReason(SimHook hook, DateTimeOffset now) => hook.Status != "enabled" ? hook.Status : null;
}
