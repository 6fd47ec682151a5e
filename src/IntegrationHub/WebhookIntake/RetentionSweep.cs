using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.WebhookIntake;

/// <summary>
/// Deletes what has outlived its retention, in small batches, each its own short statement (autocommit): handled deliveries
/// (processed, ignored, failed; a pending or processing one is still work), idle rejection counters, old events. Rows another
/// transaction holds are skipped (SKIP LOCKED), so the sweep never waits on the ingress or the processor, and they on it only
/// for one batch's row locks. Events keep their delivery_id as a plain number: nothing reads a delivery through it.
/// </summary>
internal sealed partial class RetentionSweep(NpgsqlDataSource db, TimeProvider clock, IOptions<RetentionOptions> options, ILogger<RetentionSweep> log)
{
    private const string Deliveries = """
        DELETE FROM deliveries WHERE id IN (
            SELECT id FROM deliveries WHERE received_at < $1 AND status IN ('processed', 'ignored', 'failed')
            ORDER BY received_at LIMIT $2 FOR UPDATE SKIP LOCKED)
        """;

    private const string Rejections = """
        DELETE FROM delivery_rejections WHERE (provider, hook_id, reason) IN (
            SELECT provider, hook_id, reason FROM delivery_rejections WHERE last_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)
        """;

    private const string Events = """
        DELETE FROM events WHERE id IN (
            SELECT id FROM events WHERE recorded_at < $1 ORDER BY recorded_at LIMIT $2 FOR UPDATE SKIP LOCKED)
        """;

    /// <summary>One run: each table until nothing old is left or the run's budget is spent. Returns the rows deleted per table.</summary>
    public async Task<RetentionResult> RunAsync(CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        long budgetEnds = Stopwatch.GetTimestamp() + (long)(Math.Max(1, o.RunBudgetSeconds) * (double)Stopwatch.Frequency);
        int batch = Math.Max(1, o.BatchSize);
        var result = new RetentionResult(
            await DeleteAsync(Deliveries, now - o.DeliveryAge, batch, budgetEnds, ct),
            await DeleteAsync(Rejections, now - o.DeliveryAge, batch, budgetEnds, ct),
            await DeleteAsync(Events, now - o.EventAge, batch, budgetEnds, ct));
        if (result.Total > 0)
        {
            LogDeleted(result.Deliveries, result.Rejections, result.Events);
        }

        return result;
    }

    private async Task<long> DeleteAsync(string sql, DateTimeOffset before, int batch, long budgetEnds, CancellationToken ct)
    {
        long total = 0;
        int deleted;
        do
        {
            await using var cmd = db.CreateCommand(sql);
            cmd.Parameters.Add(new() { Value = before });
            cmd.Parameters.Add(new() { Value = batch });
            deleted = await cmd.ExecuteNonQueryAsync(ct);
            total += deleted;
        }
        while (deleted == batch && Stopwatch.GetTimestamp() < budgetEnds);

        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention deleted {Deliveries} deliveries, {Rejections} rejection counters, {Events} events")]
    private partial void LogDeleted(long deliveries, long rejections, long events);
}
