using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.Delivery;

/// <summary>
/// A provider's own delivery behaviour beyond "send once": per-attempt headers, retries, and hooks it stops sending to
/// (GitLab's auto-disable, Azure DevOps' probation). A provider without one sends each delivery once and never skips.
/// </summary>
internal interface IDeliveryRules
{
    ProviderId Provider { get; }

    /// <summary>Headers that change per attempt; the rest of the message stays byte-identical across retries.</summary>
    IEnumerable<KeyValuePair<string, string>> AttemptHeaders(int attempt);

    /// <summary>Records the outcome on the hook (called under the store's gate); returns the retry to schedule, if any.</summary>
    DeliveryWork? After(DeliveryRecord record, DeliveryAttempt attempt, bool ok);

    /// <summary>Why a new event must not go out to this hook at all, or null (called under the store's gate).</summary>
    string? SkipReason(SimHook hook, DateTimeOffset now);
}
