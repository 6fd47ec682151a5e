using IntegrationHub.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IntegrationHub.Live;

/// <summary>
/// Relays the database's change notifications (channel <see cref="Channel"/>, one LISTEN connection per web node) to
/// the dashboard circuits that watch that tenant and topic. Whoever wrote the change — this node, another web node or a
/// worker — the database tells every listener. After a lost connection every subscriber is told "something may have
/// changed", since notifications sent while nobody listened are gone.
/// </summary>
public sealed class LiveFeed(NpgsqlDataSource dataSource, TimeProvider clock, ILogger<LiveFeed> log) : BackgroundService
{
    public const string Channel = "ihub_live";

    private readonly ChannelListener _listener = new(dataSource, Channel, "Live dashboard updates", clock, log);
    private readonly Lock _lock = new();
    private LiveSubscription[] _subscribers = [];

    /// <summary>True once LISTEN is in place (tests wait for it before they write).</summary>
    public bool Listening => _listener.Listening;

    /// <summary>How many times LISTEN was set up: more than once means the connection was lost and came back.</summary>
    public int Listens => _listener.Listens;

    /// <summary>Calls <paramref name="onChange"/> (on the listener's thread: keep it short) for the tenant's changes of these topics; null tenant: every tenant.</summary>
    public IDisposable Subscribe(Guid? tenantId, IReadOnlyCollection<string> topics, Action onChange)
    {
        var subscription = new LiveSubscription(tenantId, topics, onChange, Remove);
        lock (_lock)
        {
            _subscribers = [.. _subscribers, subscription];
        }

        return subscription;
    }

    /// <summary>
    /// A page's live reload: <paramref name="reload"/> runs after the tenant's topics change, <paramref name="unseen"/>
    /// once when a change arrives while paused, and also every <paramref name="every"/> for data without a trigger
    /// (see <see cref="LiveRefresh"/>).
    /// </summary>
    public LiveRefresh Watch(Guid? tenantId, IReadOnlyCollection<string> topics, Func<Task> reload, Func<Task>? unseen = null, TimeSpan? every = null) =>
        new(this, tenantId, topics, reload, unseen, every, clock, log);

    public int SubscriberCount => Volatile.Read(ref _subscribers).Length;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        _listener.RunAsync(Dispatch, DispatchToAll, static () => { }, stoppingToken); // on (re)listening: whatever changed while nobody listened

    private void Dispatch(string payload)
    {
        int colon = payload.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !Guid.TryParse(payload.AsSpan(colon + 1), out var tenantId))
        {
            return;
        }

        string topic = payload[..colon];
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            if (subscriber.Wants(tenantId, topic))
            {
                subscriber.Notify();
            }
        }
    }

    private void DispatchToAll()
    {
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            subscriber.Notify();
        }
    }

    private void Remove(LiveSubscription subscription)
    {
        lock (_lock)
        {
            _subscribers = [.. _subscribers.Where(s => !ReferenceEquals(s, subscription))];
        }
    }
}
