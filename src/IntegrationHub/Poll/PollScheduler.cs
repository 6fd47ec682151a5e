using IntegrationHub.Settings;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Poll;

/// <summary>
/// Keeps one poll_state row per watched active repository (rows are made lazily here, their first poll spread over the
/// interval, and dropped with their cursors when a repository is unwatched or gone) and claims due repositories in
/// batches: FOR UPDATE SKIP LOCKED plus a lease, so two nodes never poll the same repository in the same cycle.
/// A connection without a token (webhook-only) is never polled: its reads would go out with an empty token and fail;
/// nor is one whose sync mode is "webhooks" (its owner chose webhooks alone). A GitHub App connection stores no token
/// but is polled with its installation's (minted through ConnectionApis); a 404 on the mint marks it disconnected, which
/// ends its polling.
/// </summary>
internal sealed class PollScheduler(NpgsqlDataSource db, TimeProvider clock, IOptions<PollOptions> options)
{
    /// <summary>
    /// A repository (r) of a connection (c) whose poll rows and cursors go: unwatched or gone, no token, or webhooks alone
    /// keep it. Not while the connection is paused or revoked, unlike <see cref="Polled"/> (what is polled now).
    /// </summary>
    private const string Dropped = $"(NOT r.watched OR r.status <> 'active' OR NOT {Callable} OR c.sync_mode = 'webhooks')";

    /// <summary>A connection (c) the hub can call the provider for: a stored token, or a GitHub App installation's.</summary>
    private const string Callable = "(c.access_token_protected IS NOT NULL OR c.auth_kind = 'github_app')";

    /// <summary>
    /// A repository (r) of a connection (c) that the poll keeps in step: not while the connection's GitHub App installation is
    /// suspended (GitHub refuses its tokens until it is unsuspended; the poll resumes with its cursors then).
    /// </summary>
    private const string Polled = $"r.watched AND r.status = 'active' AND c.status = 'active' AND {Callable} AND c.sync_mode <> 'webhooks'"
        + " AND c.github_suspended_at IS NULL";

    public async Task SyncAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(conn);
        batch.BatchCommands.Add(Command($"""
            INSERT INTO poll_state (repository_id, tenant_id, connection_id, next_poll_at)
            SELECT r.id, r.tenant_id, r.connection_id, $1 + (abs(hashtext(r.id::text)) % $2) * interval '1 millisecond'
            FROM repositories r JOIN connections c ON c.id = r.connection_id
            WHERE {Polled}
              AND NOT EXISTS (SELECT 1 FROM poll_state p WHERE p.repository_id = r.id)
            ON CONFLICT (repository_id) DO NOTHING
            """, now, (int)options.Value.Interval.TotalMilliseconds));
        batch.BatchCommands.Add(Command($"""
            DELETE FROM poll_cursors pc USING repositories r, connections c
            WHERE r.id = pc.repository_id AND c.id = r.connection_id AND {Dropped}
            """));
        batch.BatchCommands.Add(Command($"""
            DELETE FROM poll_state p USING repositories r, connections c
            WHERE r.id = p.repository_id AND c.id = r.connection_id AND {Dropped}
              AND (p.lease_until IS NULL OR p.lease_until < $1)
            """, now));
        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Leases up to <paramref name="max"/> due repositories to <paramref name="node"/>, most overdue first.</summary>
    public async Task<IReadOnlyList<PollTarget>> ClaimAsync(string node, int max, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var cmd = db.CreateCommand($"""
            WITH due AS (
                SELECT ps.repository_id FROM poll_state ps
                JOIN repositories r ON r.id = ps.repository_id
                JOIN connections c ON c.id = r.connection_id
                WHERE ps.next_poll_at <= $1 AND (ps.lease_until IS NULL OR ps.lease_until < $1)
                  AND {Polled}
                ORDER BY ps.next_poll_at
                LIMIT $2
                FOR UPDATE OF ps SKIP LOCKED),
            claimed AS (
                UPDATE poll_state ps SET lease_until = $3, leased_by = $4
                FROM due WHERE ps.repository_id = due.repository_id
                RETURNING ps.repository_id, ps.next_poll_at, ps.consecutive_failures, ps.lease_until)
            SELECT r.id, r.tenant_id, r.connection_id, c.provider, c.base_url, r.external_id, r.full_path, r.project_id, r.default_branch,
                   r.first_seen_at, (c.refresh_token_protected IS NOT NULL OR c.auth_kind = 'github_app'), c.project_key, c.repository_slug,
                   h.id, h.provider_hook_id, h.status, h.last_delivery_at, cl.next_poll_at, cl.consecutive_failures,
                   c.rate_limit_remaining, c.rate_limit_reset_at,
                   (SELECT count(*) FROM poll_state x WHERE x.connection_id = c.id)::int, cl.lease_until
            FROM claimed cl
            JOIN repositories r ON r.id = cl.repository_id
            JOIN connections c ON c.id = r.connection_id
            LEFT JOIN hooks h ON h.repository_id = r.id AND h.status <> 'removed'
            """);
        cmd.Parameters.Add(new() { Value = now });
        cmd.Parameters.Add(new() { Value = max });
        cmd.Parameters.Add(new() { Value = now + TimeSpan.FromSeconds(options.Value.LeaseSeconds) });
        cmd.Parameters.Add(new() { Value = node });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var targets = new List<PollTarget>();
        while (await r.ReadAsync(ct))
        {
            targets.Add(new PollTarget(r.GetGuid(0), r.GetGuid(1), r.GetGuid(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
                Str(r, 7), Str(r, 8), r.GetFieldValue<DateTimeOffset>(9), r.GetBoolean(10), Str(r, 11), Str(r, 12),
                r.IsDBNull(13) ? null : r.GetGuid(13), Str(r, 14), Str(r, 15), Time(r, 16), r.GetFieldValue<DateTimeOffset>(17), r.GetInt32(18),
                r.IsDBNull(19) ? null : r.GetInt32(19), Time(r, 20), r.GetInt32(21)) { LeaseUntil = Time(r, 22) });
        }

        return targets;
    }

    private static string? Str(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static DateTimeOffset? Time(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);

    private static NpgsqlBatchCommand Command(string sql, params object[] args)
    {
        var c = new NpgsqlBatchCommand(sql);
        foreach (object a in args)
        {
            c.Parameters.Add(new NpgsqlParameter { Value = a });
        }

        return c;
    }
}
