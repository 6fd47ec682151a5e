using Npgsql;
using NpgsqlTypes;

namespace IntegrationHub.Outbound;

/// <summary>
/// A subscription's run of failures: failing_since is when the current one began, last_failure_at the latest failure
/// in it. A success ends the run; failures further apart than <see cref="RetrySchedule.LongestGap"/> start a new one
/// (an endpoint that is down fails at least that often while it has work), so an endpoint that failed days ago,
/// recovered and then saw no events is not disabled by its next failure.
/// The subscription row is written only when one of them changes (last_failure_at at most once a minute): the fan-out
/// holds subscriptions FOR UPDATE during its rounds, and a sender should not queue behind it for every outcome.
/// </summary>
internal static class OutboundFailureRun
{
    /// <summary>How stale last_failure_at may grow before a failure rewrites it; small against the 10-hour gap.</summary>
    private static readonly TimeSpan Granularity = TimeSpan.FromMinutes(1);

    /// <summary>Failures further apart than this are separate runs (the stored time may lag the last failure by <see cref="Granularity"/>).</summary>
    public static TimeSpan Break { get; } = RetrySchedule.LongestGap + Granularity;

    public static async Task MarkAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid subscriptionId, bool delivered, DateTimeOffset now,
        CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(delivered
            ? "UPDATE subscriptions SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL"
            : """
              UPDATE subscriptions SET
                  failing_since = CASE WHEN failing_since IS NULL OR last_failure_at IS NULL OR last_failure_at < $3 THEN $2 ELSE failing_since END,
                  last_failure_at = $2
              WHERE id = $1 AND (failing_since IS NULL OR last_failure_at IS NULL OR last_failure_at < $4)
              """, conn, tx);
        cmd.Parameters.Add(new() { Value = subscriptionId });
        if (!delivered)
        {
            cmd.Parameters.Add(new() { Value = now });
            cmd.Parameters.Add(new() { Value = now - Break });
            cmd.Parameters.Add(new() { Value = now - Granularity });
        }

        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A plain read: enabled, failing without a break since before the window, and failing still.</summary>
    public static async Task<bool> TooLongAsync(NpgsqlConnection conn, Guid subscriptionId, DateTimeOffset now, int disableAfterHours, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT enabled AND failing_since <= $2 AND last_failure_at >= $3 FROM subscriptions WHERE id = $1
            """, conn);
        cmd.Parameters.Add(new() { Value = subscriptionId });
        cmd.Parameters.Add(new() { Value = now.AddHours(-Math.Max(1, disableAfterHours)), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new() { Value = now - Break, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        return await cmd.ExecuteScalarAsync(ct) is true;
    }
}
