using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.Delivery;

/// <summary>Every delivery and attempt, for <c>/_sim/deliveries</c> and GitHub's hook deliveries API.</summary>
internal sealed class DeliveryLog
{
    private readonly Lock _gate = new();
    private readonly List<DeliveryRecord> _records = [];
    private readonly Dictionary<long, DeliveryRecord> _byId = [];

    public void Add(DeliveryRecord record)
    {
        lock (_gate)
        {
            _records.Add(record);
            _byId[record.Id] = record;
        }
    }

    public void AddAttempt(DeliveryRecord record, DeliveryAttempt attempt)
    {
        lock (_gate) record.Attempts.Add(attempt);
    }

    public DeliveryRecord? Find(long id)
    {
        lock (_gate) return _byId.GetValueOrDefault(id);
    }

    /// <summary>Newest first, as GitHub lists them.</summary>
    public IReadOnlyList<DeliveryRecord> ForHook(long hookId)
    {
        lock (_gate) return _records.Where(r => r.Hook.Id == hookId).Reverse().ToArray();
    }

    public IReadOnlyList<DeliveryRecord> Query(ProviderId? provider, long? hookId)
    {
        lock (_gate)
        {
            return _records.Where(r => (provider is null || r.Hook.Provider == provider) && (hookId is null || r.Hook.Id == hookId))
                .ToArray();
        }
    }

    public IReadOnlyList<DeliveryAttempt> AttemptsOf(DeliveryRecord record)
    {
        lock (_gate) return record.Attempts.ToArray();
    }

    public void Reset()
    {
        lock (_gate)
        {
            _records.Clear();
            _byId.Clear();
        }
    }
}
