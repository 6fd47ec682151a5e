using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Outbound;

/// <summary>
/// The sender's side of outbound_deliveries: due rows are claimed with FOR UPDATE SKIP LOCKED under a lease, at most
/// <see cref="OutboundOptions.MaxInFlightPerSubscription"/> in flight per subscription across all nodes, so a slow
/// endpoint holds a few slots, never all of them. A row whose lease ran out (its node died) is due again.
/// </summary>
public sealed class OutboundClaims(NpgsqlDataSource data, IOptions<OutboundOptions> options, TimeProvider clock)
{
    public async Task<IReadOnlyList<ClaimedOutbound>> ClaimAsync(int max, CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        await using var cmd = data.CreateCommand("""
            UPDATE outbound_deliveries d SET status = 'delivering', lease_until = $2, lease_token = gen_random_uuid()
            FROM (
                SELECT x.id FROM subscriptions s
                CROSS JOIN LATERAL (
                    SELECT o.id FROM outbound_deliveries o
                    WHERE o.subscription_id = s.id AND o.status IN ('pending', 'delivering')
                      AND ((o.status = 'pending' AND o.next_attempt_at <= $1) OR (o.status = 'delivering' AND o.lease_until < $1))
                    ORDER BY o.next_attempt_at, o.id
                    LIMIT greatest(0, $4 - (SELECT count(*) FROM outbound_deliveries f
                                            WHERE f.subscription_id = s.id AND f.status = 'delivering' AND f.lease_until >= $1))
                    FOR UPDATE OF o SKIP LOCKED) x
                WHERE s.enabled
                LIMIT $3) c
            WHERE d.id = c.id
            RETURNING d.id, d.tenant_id, d.subscription_id, d.event_id, d.message_id, d.attempts, d.lease_token
            """);
        cmd.Parameters.Add(new() { Value = now });
        cmd.Parameters.Add(new() { Value = now.AddSeconds(Math.Max(o.TimeoutSeconds * 2, o.LeaseSeconds)) });
        cmd.Parameters.Add(new() { Value = Math.Max(1, max) });
        cmd.Parameters.Add(new() { Value = (long)Math.Max(1, o.MaxInFlightPerSubscription) });
        var claimed = new List<ClaimedOutbound>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            claimed.Add(new ClaimedOutbound(reader.GetInt64(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetInt64(3), reader.GetString(4),
                reader.GetInt32(5), reader.GetGuid(6)));
        }

        return claimed;
    }

    /// <summary>
    /// Logs the attempt, and, only while this claim still holds the row, writes the outcome: delivered, due again on the
    /// retry schedule (or after a Retry-After), or failed for good; the subscription's failure run starts or ends with it.
    /// Returns whether the subscription has now failed without a break for longer than it may (the caller disables it).
    /// </summary>
    public async Task<bool> RecordAsync(ClaimedOutbound claim, AttemptResult result, CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        int attempts = claim.Attempts + 1;
        TimeSpan? retryIn = result.Delivered ? null : RetrySchedule.After(attempts);
        if (retryIn is not null && result.RetryAfter is { } asked)
        {
            // The endpoint said when to come back (429/503): honoured, within a bound, still counting the attempt.
            retryIn = TimeSpan.FromSeconds(Math.Clamp(asked.TotalSeconds, 1, Math.Max(1, o.MaxRetryAfterSeconds)));
        }

        string status = result.Delivered ? "delivered" : retryIn is null ? "failed" : "pending";
        await using var conn = await data.OpenConnectionAsync(ct);
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            await LogAsync(conn, tx, claim.Id, result, now, ct);
            await using var outcome = new NpgsqlCommand("""
                UPDATE outbound_deliveries SET status = $3, attempts = $4, next_attempt_at = coalesce($5, next_attempt_at),
                    lease_until = NULL, lease_token = NULL, last_status = $6, last_error = $7,
                    delivered_at = CASE WHEN $3 = 'delivered' THEN $8 ELSE delivered_at END
                WHERE id = $1 AND lease_token = $2 AND status = 'delivering'
                """, conn, tx);
            outcome.Parameters.Add(new() { Value = claim.Id });
            outcome.Parameters.Add(new() { Value = claim.LeaseToken });
            outcome.Parameters.Add(new() { Value = status });
            outcome.Parameters.Add(new() { Value = attempts });
            outcome.Parameters.Add(new() { Value = retryIn is { } wait ? now + wait : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
            outcome.Parameters.Add(new() { Value = (object?)result.StatusCode ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
            outcome.Parameters.Add(new() { Value = (object?)result.Error ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            outcome.Parameters.Add(new() { Value = now });
            if (await outcome.ExecuteNonQueryAsync(ct) == 0)
            {
                await tx.CommitAsync(ct); // a replay or another node took the row over: the attempt is logged, the outcome is theirs
                return false;
            }

            await OutboundFailureRun.MarkAsync(conn, tx, claim.SubscriptionId, result.Delivered, now, ct);
            await tx.CommitAsync(ct);
        }

        return !result.Delivered && await OutboundFailureRun.TooLongAsync(conn, claim.SubscriptionId, now, o.DisableAfterHours, ct);
    }

    private static async Task LogAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long deliveryId, AttemptResult result, DateTimeOffset now,
        CancellationToken ct)
    {
        await using var log = new NpgsqlCommand("""
            INSERT INTO outbound_attempts (delivery_id, tenant_id, subscription_id, attempted_at, status_code, duration_ms, error, response_excerpt)
            SELECT id, tenant_id, subscription_id, $2, $3, $4, $5, $6 FROM outbound_deliveries WHERE id = $1
            """, conn, tx);
        log.Parameters.Add(new() { Value = deliveryId });
        log.Parameters.Add(new() { Value = now });
        log.Parameters.Add(new() { Value = (object?)result.StatusCode ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        log.Parameters.Add(new() { Value = result.DurationMs });
        log.Parameters.Add(new() { Value = (object?)result.Error ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        log.Parameters.Add(new() { Value = (object?)result.ResponseExcerpt ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await log.ExecuteNonQueryAsync(ct);
    }
}
