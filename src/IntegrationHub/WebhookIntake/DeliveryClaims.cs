using IntegrationHub.Providers;
using IntegrationHub.Telemetry;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace IntegrationHub.WebhookIntake;

/// <summary>
/// Claims due deliveries with FOR UPDATE SKIP LOCKED and a lease, records failures with backoff, and puts a stored
/// delivery back in line (redeliver). A claimed delivery's next_attempt_at is its lease end, so the same due-index scan
/// finds both new deliveries and those whose worker died.
/// </summary>
internal sealed class DeliveryClaims(NpgsqlDataSource db, TimeProvider clock, IOptions<IngestOptions> options)
{
    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(int max, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        int maxAttempts = Math.Max(1, options.Value.MaxAttempts);
        await GiveUpLostAsync(now, maxAttempts, ct);
        // A delivery's first claim also counts it as accepted on its hook (see DeliveryInbox.AcceptAsync): one update per hook
        // per batch, off the request path. Attempts only ever grow (redeliver keeps them), so "attempts = 1" is exactly once.
        await using var cmd = db.CreateCommand("""
            WITH claimed AS (
                UPDATE deliveries d SET status = 'processing', attempts = d.attempts + 1, lease_until = $2, next_attempt_at = $2
                FROM (SELECT id FROM deliveries
                      WHERE status IN ('pending', 'processing') AND next_attempt_at <= $1
                        AND (status = 'pending' OR attempts < $4)
                      ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED) due
                WHERE d.id = due.id
                RETURNING d.id, d.tenant_id, d.hook_id, d.connection_id, d.repository_id, d.provider, d.event_name, d.received_at, d.attempts,
                          d.traceparent
            ), counted AS (
                UPDATE hooks h SET accepted_count = h.accepted_count + f.n, last_delivery_at = greatest(h.last_delivery_at, f.latest)
                FROM (SELECT hook_id, count(*) AS n, max(received_at) AS latest FROM claimed WHERE attempts = 1 GROUP BY hook_id) f
                WHERE h.id = f.hook_id
            )
            SELECT * FROM claimed
            """);
        cmd.Parameters.Add(new() { Value = now });
        cmd.Parameters.Add(new() { Value = now.AddSeconds(Math.Max(1, options.Value.LeaseSeconds)) });
        cmd.Parameters.Add(new() { Value = max });
        cmd.Parameters.Add(new() { Value = maxAttempts });
        var claimed = new List<ClaimedDelivery>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            claimed.Add(new ClaimedDelivery(r.GetInt64(0), r.GetGuid(1), r.GetGuid(2), r.GetGuid(3), r.IsDBNull(4) ? null : r.GetGuid(4),
                r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.GetFieldValue<DateTimeOffset>(7), r.GetInt32(8),
                r.IsDBNull(9) ? null : r.GetString(9)));
        }

        return claimed.OrderBy(c => c.Id).ToList();
    }

    /// <summary>
    /// A delivery still 'processing' after its lease lost its worker: the process died before it could record anything
    /// (FailAsync never ran). Retaking it is how a crash loses nothing, but a delivery that kills every worker that takes it
    /// would be retaken forever, so once its attempts reach the limit it is left as failed with the reason instead
    /// (redeliver still gives it one more try). Rows another node is retaking right now are skipped, not waited for.
    /// </summary>
    private async Task GiveUpLostAsync(DateTimeOffset now, int maxAttempts, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            UPDATE deliveries d SET status = 'failed', lease_until = NULL, next_attempt_at = $1, processed_at = $1,
                last_error = 'worker lost while processing, attempt ' || d.attempts || ' of ' || $2
                             || ': not retried (redeliver to try once more)'
            FROM (SELECT id FROM deliveries
                  WHERE status = 'processing' AND next_attempt_at <= $1 AND attempts >= $2
                  FOR UPDATE SKIP LOCKED) lost
            WHERE d.id = lost.id
            """);
        cmd.Parameters.Add(new() { Value = now });
        cmd.Parameters.Add(new() { Value = maxAttempts });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Records a failed attempt: retried after base × 2^(attempt−1) (capped), or left as failed once attempts run out or
    /// when <paramref name="poison"/> says retrying cannot help. Only while the claim is still ours.
    /// </summary>
    public async Task FailAsync(ClaimedDelivery d, string reason, bool poison, CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        bool final = poison || d.Attempt >= o.MaxAttempts;
        double delay = Math.Min(o.RetryMaxSeconds, o.RetryBaseSeconds * Math.Pow(2, Math.Max(0, d.Attempt - 1)));
        await using var cmd = db.CreateCommand("""
            UPDATE deliveries SET status = $3, last_error = $4, lease_until = NULL, next_attempt_at = $5,
                                  processed_at = CASE WHEN $3 = 'failed' THEN $6 ELSE processed_at END
            WHERE id = $1 AND attempts = $2 AND status = 'processing'
            """);
        cmd.Parameters.Add(new() { Value = d.Id });
        cmd.Parameters.Add(new() { Value = d.Attempt });
        cmd.Parameters.Add(new() { Value = final ? "failed" : "pending" });
        cmd.Parameters.Add(new() { Value = Truncate(reason), NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = final ? now : now.AddSeconds(delay) });
        cmd.Parameters.Add(new() { Value = now });
        if (await cmd.ExecuteNonQueryAsync(ct) == 1)
        {
            // Tags from fixed sets only: the catalog's slug (the row's text is not trusted as a tag) and two outcomes.
            string provider = ProviderSlugs.TryParse(d.Provider, out var kind) ? kind.ToSlug() : "unknown";
            HubMetrics.ProcessingFailures.Add(1, new KeyValuePair<string, object?>(HubMetrics.ProviderTag, provider),
                new KeyValuePair<string, object?>(HubMetrics.OutcomeTag, final ? "failed" : "retry"));
        }
    }

    /// <summary>
    /// Puts a stored delivery back in line to be processed again now (the dashboard's "Redeliver"), not while a worker is at it.
    /// Its attempt count is kept: it is the claims' fencing token, and a delivery that already used up its retries gets one more try.
    /// </summary>
    public async Task<bool> RedeliverAsync(long deliveryId, Guid tenantId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            UPDATE deliveries SET status = 'pending', next_attempt_at = $3, lease_until = NULL, last_error = NULL, processed_at = NULL
            WHERE id = $1 AND tenant_id = $2 AND NOT is_ping AND status <> 'processing'
            """);
        cmd.Parameters.Add(new() { Value = deliveryId });
        cmd.Parameters.Add(new() { Value = tenantId });
        cmd.Parameters.Add(new() { Value = clock.GetUtcNow() });
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    private static string Truncate(string reason) => reason.Length <= 500 ? reason : reason[..499] + "…";
}
