using System.Diagnostics.Metrics;
using IntegrationHub.Settings;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Telemetry;

/// <summary>
/// Reads the cluster's state for the observable gauges (inbox, outbound queue, given-up deliveries and failing endpoints,
/// hooks by state, poll overdue, rate limits by provider and the lowest connections'; <see cref="HubStateQuery"/>) at most once
/// per <see cref="TelemetryOptions.StateCacheSeconds"/> however many gauges are observed and however often they are scraped:
/// every gauge of one collection shares the same snapshot. A failed read keeps the previous snapshot and is logged; a scrape never fails because of it.
/// The gauges are process-wide (the meter is static): the host that started last reports (one per process in production).
/// </summary>
internal sealed partial class HubStateReader(NpgsqlDataSource db, TimeProvider clock, IOptions<TelemetryOptions> options, IOptions<PollOptions> pollOptions,
    ILogger<HubStateReader> log)
{
    private static HubStateReader? _active;
    private readonly Lock _gate = new();
    private HubStateSnapshot _snapshot = HubStateSnapshot.Empty;
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    /// <summary>Makes this host's reader the one the gauges observe.</summary>
    public void Activate() => Volatile.Write(ref _active, this);

    public void Deactivate() => Interlocked.CompareExchange(ref _active, null, this);

    internal static IEnumerable<Measurement<long>> InboxDepth() =>
        Volatile.Read(ref _active)?.Read() is { } s ? [new Measurement<long>(s.InboxPending)] : [];

    internal static IEnumerable<Measurement<double>> OldestPendingAge() =>
        Volatile.Read(ref _active) is { } reader && reader.Read() is { OldestPendingReceivedAt: { } oldest }
            ? [new Measurement<double>(Math.Max(0, (reader.UtcNow() - oldest).TotalSeconds))]
            : [new Measurement<double>(0)];

    internal static IEnumerable<Measurement<long>> OutboundPending() =>
        Volatile.Read(ref _active)?.Read() is { } s ? [new Measurement<long>(s.OutboundPending)] : [];

    internal static IEnumerable<Measurement<long>> OutboundFailed() =>
        Volatile.Read(ref _active)?.Read() is { } s ? [new Measurement<long>(s.OutboundFailed)] : [];

    internal static IEnumerable<Measurement<long>> HooksByState() =>
        Volatile.Read(ref _active)?.Read() is { } s
            ? s.HooksByState.Select(h => new Measurement<long>(h.Count, new KeyValuePair<string, object?>(HubMetrics.StateTag, h.State)))
            : [];

    private DateTimeOffset UtcNow() => clock.GetUtcNow();

    internal static IEnumerable<Measurement<long>> FailingEndpoints() =>
        Volatile.Read(ref _active)?.Read() is { } s ? [new Measurement<long>(s.FailingEndpoints)] : [];

    internal static IEnumerable<Measurement<double>> LongestFailureStreak() =>
        Volatile.Read(ref _active) is { } reader && reader.Read() is { LongestFailingSince: { } since }
            ? [new Measurement<double>(Math.Max(0, (reader.UtcNow() - since).TotalSeconds))]
            : [new Measurement<double>(0)];

    internal static IEnumerable<Measurement<long>> PollOverdue() =>
        ByProvider(p => p.PollOverdue);

    internal static IEnumerable<Measurement<long>> RateLimitRemaining() =>
        Volatile.Read(ref _active)?.Read() is { } s
            ? s.Providers.Where(p => p.RateLimitRemainingMin is not null)
                .Select(p => new Measurement<long>(p.RateLimitRemainingMin!.Value, new KeyValuePair<string, object?>(HubMetrics.ProviderTag, p.Provider)))
            : [];

    internal static IEnumerable<Measurement<long>> ConnectionRateLimitRemaining() =>
        Volatile.Read(ref _active)?.Read() is { } s
            ? s.LowestBudgets.Select(c => new Measurement<long>(c.Remaining,
                new KeyValuePair<string, object?>(HubMetrics.ProviderTag, c.Provider), new KeyValuePair<string, object?>(HubMetrics.ConnectionTag, c.ConnectionId)))
            : [];

    internal static IEnumerable<Measurement<long>> RateLimited() =>
        ByProvider(p => p.RateLimited);

    private static IEnumerable<Measurement<long>> ByProvider(Func<HubProviderState, long> value) =>
        Volatile.Read(ref _active)?.Read() is { } s
            ? s.Providers.Select(p => new Measurement<long>(value(p), new KeyValuePair<string, object?>(HubMetrics.ProviderTag, p.Provider)))
            : [];

    /// <summary>The cached snapshot, read again when older than the setting (synchronously: a scrape waits one short query).</summary>
    public HubStateSnapshot Read()
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (now - _readAt < TimeSpan.FromSeconds(Math.Max(1, options.Value.StateCacheSeconds)))
            {
                return _snapshot;
            }

            try
            {
                _snapshot = HubStateQuery.Read(db, now, pollOptions.Value.Interval);
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                LogReadFailed(log, ex);
            }

            _readAt = now;
            return _snapshot;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the hub's state for the metrics gauges; the previous values are reported")]
    private static partial void LogReadFailed(ILogger logger, Exception ex);
}
