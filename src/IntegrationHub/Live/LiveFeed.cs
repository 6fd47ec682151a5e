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
public sealed partial class LiveFeed(NpgsqlDataSource dataSource, TimeProvider clock, ILogger<LiveFeed> log) : BackgroundService
{
    public const string Channel = "ihub_live";

    /// <summary>How long to wait for a notification before checking that the connection is still alive.</summary>
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private LiveSubscription[] _subscribers = [];

    private int _listens;

    /// <summary>True once LISTEN is in place (tests wait for it before they write).</summary>
    public bool Listening { get; private set; }

    /// <summary>How many times LISTEN was set up: more than once means the connection was lost and came back.</summary>
    public int Listens => Volatile.Read(ref _listens);

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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(() => retry = TimeSpan.FromSeconds(1), stoppingToken); // back-off starts over once listening
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Whatever broke the connection, pages fall back to showing what they loaded; the host keeps running.
                Listening = false;
                LogLost(log, ex.GetType().Name, retry.TotalSeconds);
                await Task.Delay(retry, clock, stoppingToken);
                retry = TimeSpan.FromSeconds(Math.Min(30, retry.TotalSeconds * 2));
            }
        }
    }

    private async Task ListenAsync(Action listening, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        connection.Notification += (_, e) => Dispatch(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(ct);
        }

        Listening = true;
        Interlocked.Increment(ref _listens);
        listening();
        DispatchToAll(); // whatever changed while nobody listened
        while (true)
        {
            if (!await connection.WaitAsync(Idle, ct))
            {
                // Nothing for a while: a round trip proves the connection (and so the LISTEN) is still there.
                await using var ping = new NpgsqlCommand("SELECT 1", connection);
                await ping.ExecuteScalarAsync(ct);
            }
        }
    }

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live dashboard updates paused: the LISTEN connection was lost ({Error}); retrying in {Seconds} s.")]
    private static partial void LogLost(ILogger logger, string error, double seconds);
}
