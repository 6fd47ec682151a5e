using Microsoft.Extensions.Logging;
using Npgsql;

namespace IntegrationHub.Events;

/// <summary>
/// Detects a database whose transaction counter is behind the positions the feed has stored (a logical dump restored
/// into a new cluster starts the counter again from the beginning): every new event then sorts before every stored
/// cursor, so feeds and outbound fan-out go silent without an error. Run once at start; <see cref="Problem"/> is what
/// /healthz reports.
/// </summary>
public sealed partial class TransactionCounterCheck(NpgsqlDataSource db, ILogger<TransactionCounterCheck> log)
{
    // The next transaction id to be assigned (snapshot xmax) rather than pg_current_xact_id(), which would spend one.
    // The newest event (highest id, read through the primary key) stands for max(events.tx) without a full scan;
    // subscriptions are few.
    private const string Sql = """
        SELECT pg_snapshot_xmax(pg_current_snapshot()),
               (SELECT tx FROM events ORDER BY id DESC LIMIT 1),
               (SELECT max(cursor_tx) FROM subscriptions)
        """;

    /// <summary>Null when the counter is ahead of every stored position; otherwise what is wrong, in one sentence.</summary>
    public string? Problem { get; private set; }

    public async Task<string?> RunAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(Sql);
        ulong next, events = 0, cursors = 0;
        try
        {
            await using var r = await cmd.ExecuteReaderAsync(ct);
            await r.ReadAsync(ct);
            next = r.GetFieldValue<ulong>(0);
            events = r.IsDBNull(1) ? 0 : r.GetFieldValue<ulong>(1);
            cursors = r.IsDBNull(2) ? 0 : r.GetFieldValue<ulong>(2);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            // Not migrated, or unreachable with migration on start off: /healthz says so itself; start goes on.
            NotChecked(log, ex.GetType().Name);
            return Problem = null;
        }

        ulong stored = Math.Max(events, cursors);
        Problem = stored >= next
            ? $"the database's transaction counter ({next}) is behind the stored event positions ({stored}), as after a logical "
              + "dump restored into a new cluster: the events feed and outbound webhooks stay silent until it passes them"
            : null;
        if (Problem is not null)
        {
            CounterBehind(log, next, stored);
        }

        return Problem;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The transaction counter ({Next}) is behind the stored event positions ({Stored}), "
        + "as after a logical dump/restore into a new cluster: the events feed and outbound webhooks will return nothing new. "
        + "Restore with a physical backup (pg_basebackup) instead, or advance the counter past the stored positions.")]
    private static partial void CounterBehind(ILogger logger, ulong next, ulong stored);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not compare the transaction counter with the stored event positions ({Error})")]
    private static partial void NotChecked(ILogger logger, string error);
}
