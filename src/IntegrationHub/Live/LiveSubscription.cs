namespace IntegrationHub.Live;

/// <summary>One circuit's interest in a tenant's topics; disposing it (with the component) stops the calls.</summary>
internal sealed class LiveSubscription(Guid? tenantId, IReadOnlyCollection<string> topics, Action onChange, Action<LiveSubscription> remove)
    : IDisposable
{
    private int _disposed;

    public bool Wants(Guid tenant, string topic) => (tenantId is null || tenantId == tenant) && topics.Contains(topic);

    public void Notify()
    {
        if (Volatile.Read(ref _disposed) == 0)
        {
            onChange();
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            remove(this);
        }
    }
}
