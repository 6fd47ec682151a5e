using Microsoft.Extensions.Logging;

namespace IntegrationHub.Live;

/// <summary>
/// Reloads a page's data when the feed says its topics changed: one reload at a time, a change during a reload runs one
/// more after it, and reloads are at least <see cref="MinGap"/> apart — a discovery committing a batch every few
/// milliseconds costs an open page two reloads a second, not hundreds. Paused (Activity's pause button), changes are
/// remembered, the page is told once that something is waiting, and one reload runs on resume. What has no trigger
/// (deliveries, poll streams: too hot to notify on) is read again every <c>every</c>, through the same path.
/// </summary>
public sealed partial class LiveRefresh : IDisposable
{
    public static readonly TimeSpan MinGap = TimeSpan.FromMilliseconds(500);

    private readonly Func<Task> _reload;
    private readonly Func<Task>? _unseen;
    private readonly TimeProvider _clock;
    private readonly ILogger _log;
    private readonly IDisposable _subscription;
    private readonly ITimer? _timer;
    private readonly Lock _lock = new();
    private bool _running;
    private bool _dirty;
    private bool _paused;
    private bool _disposed;

    internal LiveRefresh(LiveFeed feed, Guid? tenantId, IReadOnlyCollection<string> topics, Func<Task> reload, Func<Task>? unseen,
        TimeSpan? every, TimeProvider clock, ILogger log)
    {
        _reload = reload;
        _unseen = unseen;
        _clock = clock;
        _log = log;
        _subscription = feed.Subscribe(tenantId, topics, Changed);
        _timer = every is { } period ? clock.CreateTimer(_ => Changed(), null, period, period) : null;
    }

    /// <summary>Changes arrived while paused and are not shown yet.</summary>
    public bool HasUnseen
    {
        get
        {
            lock (_lock)
            {
                return _paused && _dirty;
            }
        }
    }

    public bool Paused
    {
        get => _paused;
        set
        {
            lock (_lock)
            {
                _paused = value;
                if (!_paused && _dirty && !_running && !_disposed)
                {
                    Start();
                }
            }
        }
    }

    /// <summary>
    /// Reloads once, soon: for a page that read its data before it subscribed (its tenant was only known from that read,
    /// or a parent handed the data in), a change written in between sent its notice to nobody.
    /// </summary>
    public void CatchUp() => Changed();

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
        }

        _subscription.Dispose();
        _timer?.Dispose();
    }

    private void Changed()
    {
        bool firstWhilePaused;
        lock (_lock)
        {
            firstWhilePaused = _paused && !_dirty && !_disposed;
            _dirty = true;
            if (!_running && !_paused && !_disposed)
            {
                Start();
            }
        }

        if (firstWhilePaused && _unseen is not null)
        {
            _ = TellUnseenAsync(_unseen);
        }
    }

    private async Task TellUnseenAsync(Func<Task> unseen)
    {
        try
        {
            await unseen();
        }
        catch (ObjectDisposedException)
        {
            Dispose();
        }
        catch (Exception ex)
        {
            LogReloadFailed(_log, ex);
        }
    }

    private void Start()
    {
        _running = true;
        _ = RunAsync();
    }

    private async Task RunAsync()
    {
        while (true)
        {
            await Task.Delay(MinGap, _clock);
            lock (_lock)
            {
                if (_disposed || _paused || !_dirty)
                {
                    _running = false;
                    return;
                }

                _dirty = false;
            }

            try
            {
                await _reload();
            }
            catch (ObjectDisposedException)
            {
                Dispose(); // the circuit went away between the change and the reload
            }
            catch (Exception ex)
            {
                // A failed reload leaves the page as it was; the next change tries again.
                LogReloadFailed(_log, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A live dashboard reload failed.")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception);
}
