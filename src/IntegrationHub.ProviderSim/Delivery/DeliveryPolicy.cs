using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.Delivery;

/// <summary>What happens around an attempt: the hook's last response, then the provider's own <see cref="IDeliveryRules"/>.</summary>
internal sealed class DeliveryPolicy(SimStore store, IEnumerable<IDeliveryRules> rules)
{
    private readonly Dictionary<ProviderId, IDeliveryRules> _rules = rules.ToDictionary(r => r.Provider);

    public IEnumerable<KeyValuePair<string, string>> AttemptHeaders(DeliveryRecord record, int attempt) =>
        _rules.TryGetValue(record.Hook.Provider, out var r) ? r.AttemptHeaders(attempt) : [];

    /// <summary>Records the outcome on the hook; returns the retry to schedule, if any.</summary>
    public DeliveryWork? After(DeliveryRecord record, DeliveryAttempt attempt)
    {
        var hook = record.Hook;
        var ok = attempt.StatusCode is >= 200 and < 300;
        lock (store.Gate)
        {
            hook.LastResponseCode = attempt.StatusCode;
            hook.LastResponseStatus = ok ? "active" : "failed";
            hook.LastResponseMessage = ok ? "OK" : attempt.Error ?? $"Invalid HTTP Response: {attempt.StatusCode}";
            return _rules.TryGetValue(hook.Provider, out var r) ? r.After(record, attempt, ok) : null;
        }
    }

    /// <summary>Why a new event is not delivered to this hook ("disabled", "onProbation", ...), or null.</summary>
    public string? SkipReason(SimHook hook)
    {
        lock (store.Gate) return _rules.TryGetValue(hook.Provider, out var r) ? r.SkipReason(hook, store.Now) : null;
    }
}
