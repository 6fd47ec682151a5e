using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Telemetry;

/// <summary>
/// Reads the cluster's state for the observable gauges (inbox depth and age, outbound pending, hooks by state) at most once
/// per <see cref="TelemetryOptions.StateCacheSeconds"/> however many gauges are observed and however often they are scraped:
/// every gauge of one collection shares the same snapshot. The reads use the partial "due" indexes (inbox, outbound) and one
/// grouped count of hooks. A failed read keeps the previous snapshot and is logged; a scrape never fails because of it.
/// The gauges are process-wide (the meter is static): the host that started last reports (one per process in production).
/// </summary>
internal sealed partial class HubStateReader(NpgsqlDataSource db, TimeProvider clock, IOptions<TelemetryOptions> options, ILogger<HubStateReader> log)
{
    /// <summary>The CHECK constraint of hooks.status (migration 0003): the gauge's only tag values.</summary>
    private static readonly string[] HookStates = ["pending", "registered", "failed", "disabled", "removing", "removed"];

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

    internal static IEnumerable<Measurement<long>> HooksByState() =>
        Volatile.Read(ref _active)?.Read() is { } s
            ? s.HooksByState.Select(h => new Measurement<long>(h.Count, new KeyValuePair<string, object?>(HubMetrics.StateTag, h.State)))
            : [];

    private DateTimeOffset UtcNow() => clock.GetUtcNow();

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
                _snapshot = Query();
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                LogReadFailed(log, ex);
            }

            _readAt = now;
            return _snapshot;
        }
    }

    private HubStateSnapshot Query()
    {
        using var conn = db.OpenConnection();
        using var cmd = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM deliveries WHERE status IN ('pending', 'processing')),
                   (SELECT min(received_at) FROM deliveries WHERE status IN ('pending', 'processing')),
                   (SELECT count(*) FROM outbound_deliveries WHERE status IN ('pending', 'delivering'));
            SELECT status, count(*) FROM hooks GROUP BY status ORDER BY status;
            """, conn);
        using var reader = cmd.ExecuteReader();
        reader.Read();
        long inbox = reader.GetInt64(0);
        DateTimeOffset? oldest = reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1);
        long outbound = reader.GetInt64(2);
        reader.NextResult();
        // Every state the table allows, with zero when no hook is in it: a series that vanishes cannot be alerted on.
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (reader.Read())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        var hooks = HookStates.Select(state => (state, counts.GetValueOrDefault(state))).ToList();

        return new HubStateSnapshot(inbox, oldest, outbound, hooks);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the hub's state for the metrics gauges; the previous values are reported")]
    private static partial void LogReadFailed(ILogger logger, Exception ex);
}
