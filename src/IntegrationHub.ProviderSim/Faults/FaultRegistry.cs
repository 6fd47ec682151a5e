using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.Faults;

/// <summary>Current faults per provider plus the accumulators that turn fractions into a deterministic pattern.</summary>
internal sealed class FaultRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ProviderId, FaultSettings> _settings = [];
    private readonly Dictionary<(ProviderId, string), double> _accumulators = [];

    public FaultSettings Get(ProviderId provider)
    {
        lock (_gate) return _settings.GetValueOrDefault(provider) ?? new FaultSettings();
    }

    public void Set(ProviderId provider, FaultSettings settings)
    {
        lock (_gate)
        {
            _settings[provider] = settings;
            _accumulators.Remove((provider, "drop"));
            _accumulators.Remove((provider, "5xx"));
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _settings.Clear();
            _accumulators.Clear();
        }
    }

    /// <summary>True for the share <paramref name="fraction"/> of calls: 0.5 hits every second call, 1 every call.</summary>
    public bool Hit(ProviderId provider, string kind, double fraction)
    {
        if (fraction <= 0) return false;
        if (fraction >= 1) return true;
        lock (_gate)
        {
            var acc = _accumulators.GetValueOrDefault((provider, kind)) + fraction;
            var hit = acc >= 1;
            _accumulators[(provider, kind)] = hit ? acc - 1 : acc;
            return hit;
        }
    }
}
