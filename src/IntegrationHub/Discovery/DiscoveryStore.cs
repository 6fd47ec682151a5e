using IntegrationHub.Providers.Api;
using Npgsql;
using NpgsqlTypes;

namespace IntegrationHub.Discovery;

/// <summary>
/// Discovery's writes: a page of repositories upserted together with the cursor of the next page in one transaction
/// (so a resumed run repeats at most one page, harmlessly), progress on the connection row, and the end of a run.
/// </summary>
internal sealed class DiscoveryStore(NpgsqlDataSource db, TimeProvider clock)
{
    /// <summary>
    /// Starts a run of job <paramref name="jobId"/> unless one is already running (then it is resumed where it stopped,
    /// as this job's) or this job's run already ended done: a node that Hangfire took the job from may have walked to the
    /// end before its token was cancelled, and the retry of the same job must not walk everything again.
    /// </summary>
    public async Task<DiscoveryState> BeginAsync(Guid connectionId, string? jobId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            UPDATE connections SET discovery_status = 'running', discovery_started_at = $2, discovery_finished_at = NULL,
                discovered_count = 0, discovery_error = NULL, discovery_cursor = NULL, discovery_pages = 0, updated_at = $2, discovery_job = $3
            WHERE id = $1 AND discovery_status <> 'running'
                AND NOT (discovery_status = 'done' AND $3 IS NOT NULL AND discovery_job IS NOT DISTINCT FROM $3)
            """);
        cmd.Parameters.Add(new() { Value = connectionId });
        cmd.Parameters.Add(new() { Value = clock.GetUtcNow() });
        cmd.Parameters.Add(new() { Value = (object?)jobId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await cmd.ExecuteNonQueryAsync(ct);

        await using var read = db.CreateCommand("""
            UPDATE connections SET discovery_job = CASE WHEN discovery_status = 'running' THEN $2 ELSE discovery_job END WHERE id = $1
            RETURNING discovery_started_at, discovery_cursor, discovery_pages, discovered_count,
                discovery_status = 'done' AND $2 IS NOT NULL AND discovery_job IS NOT DISTINCT FROM $2
            """);
        read.Parameters.Add(new() { Value = connectionId });
        read.Parameters.Add(new() { Value = (object?)jobId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await using var r = await read.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return new DiscoveryState(r.IsDBNull(0) ? clock.GetUtcNow() : r.GetFieldValue<DateTimeOffset>(0), r.IsDBNull(1) ? null : r.GetString(1),
            r.GetInt32(2), r.GetInt32(3), r.GetBoolean(4));
    }

    /// <summary>
    /// The part of <paramref name="items"/> that fits under <paramref name="cap"/> repositories held by the connection (rows
    /// not gone, from any run): repositories it already holds are only refreshed and always fit; new ones (and gone ones
    /// coming back) fill what room is left. Counting this run alone would let a provider that lists different repositories
    /// each run (a capped run marks nothing gone) grow the table by a cap per run.
    /// </summary>
    public async Task<IReadOnlyList<ProviderRepository>> FittingAsync(Guid connectionId, IReadOnlyList<ProviderRepository> items, int cap,
        CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            SELECT (SELECT count(*) FROM repositories WHERE connection_id = $1 AND status <> 'gone'),
                ARRAY(SELECT external_id FROM repositories WHERE connection_id = $1 AND status <> 'gone' AND external_id = ANY($2))
            """);
        cmd.Parameters.Add(new() { Value = connectionId });
        cmd.Parameters.Add(new() { Value = items.Select(i => i.ExternalId).ToArray() });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        long room = Math.Max(0, cap - r.GetInt64(0));
        var held = r.GetFieldValue<string[]>(1).ToHashSet(StringComparer.Ordinal);
        var fitting = new List<ProviderRepository>(items.Count);
        foreach (var item in items)
        {
            if (held.Contains(item.ExternalId))
            {
                fitting.Add(item);
            }
            else if (room > 0)
            {
                room--;
                held.Add(item.ExternalId);
                fitting.Add(item);
            }
        }

        return fitting;
    }

    /// <summary>Stores a page and the next cursor; returns the run's pages and repositories seen so far.</summary>
    public async Task<(int Pages, int Discovered)> StorePageAsync(Guid tenantId, Guid connectionId, IReadOnlyList<ProviderRepository> items,
        string? nextCursor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (items.Count > 0)
        {
            await using var upsert = new NpgsqlCommand("""
                INSERT INTO repositories (id, tenant_id, connection_id, external_id, full_path, default_branch, visibility, archived,
                    html_url, project_id, status, watched, first_seen_at, last_seen_at)
                SELECT x.id, $1, $2, x.external_id, x.full_path, x.default_branch, x.visibility, x.archived, x.html_url, x.project_id,
                    'active', (SELECT watch_mode = 'all' FROM connections WHERE id = $2), $3, $3
                FROM unnest($4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::boolean[], $10::text[], $11::text[])
                    AS x(id, external_id, full_path, default_branch, visibility, archived, html_url, project_id)
                ON CONFLICT (connection_id, external_id) DO UPDATE SET full_path = excluded.full_path, default_branch = excluded.default_branch,
                    visibility = excluded.visibility, archived = excluded.archived, html_url = excluded.html_url,
                    project_id = excluded.project_id, status = 'active', last_seen_at = excluded.last_seen_at, gone_at = NULL
                """, conn, tx);
            upsert.Parameters.Add(new() { Value = tenantId });
            upsert.Parameters.Add(new() { Value = connectionId });
            upsert.Parameters.Add(new() { Value = now });
            upsert.Parameters.Add(new() { Value = items.Select(_ => Guid.CreateVersion7()).ToArray() });
            upsert.Parameters.Add(new() { Value = items.Select(i => i.ExternalId).ToArray() });
            upsert.Parameters.Add(new() { Value = items.Select(i => i.FullPath).ToArray() });
            upsert.Parameters.Add(Texts(items.Select(i => i.DefaultBranch)));
            upsert.Parameters.Add(new() { Value = items.Select(i => i.Visibility.ToString().ToLowerInvariant()).ToArray() });
            upsert.Parameters.Add(new() { Value = items.Select(i => i.Archived).ToArray() });
            upsert.Parameters.Add(Texts(items.Select(i => i.HtmlUrl?.AbsoluteUri)));
            upsert.Parameters.Add(Texts(items.Select(i => i.ProjectId)));
            await upsert.ExecuteNonQueryAsync(ct);
        }

        await using var progress = new NpgsqlCommand("""
            UPDATE connections c SET discovery_cursor = $2, discovery_pages = c.discovery_pages + 1, discovery_error = NULL, updated_at = $3,
                discovered_count = (SELECT count(*) FROM repositories r WHERE r.connection_id = c.id AND r.last_seen_at >= c.discovery_started_at)
            WHERE c.id = $1
            RETURNING c.discovery_pages, c.discovered_count
            """, conn, tx);
        progress.Parameters.Add(new() { Value = connectionId });
        progress.Parameters.Add(new() { Value = (object?)nextCursor ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        progress.Parameters.Add(new() { Value = now });
        (int, int) counts = (0, 0);
        await using (var r = await progress.ExecuteReaderAsync(ct))
        {
            if (await r.ReadAsync(ct))
            {
                counts = (r.GetInt32(0), r.GetInt32(1));
            }
        }

        await tx.CommitAsync(ct);
        return counts;
    }

    /// <summary>
    /// Ends a run that a cap stopped: what was stored stays, nothing is marked gone (the rest of the list was never read),
    /// and <paramref name="message"/> says on the card why the list is incomplete.
    /// </summary>
    public async Task StopAtCapAsync(Guid connectionId, string message, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            UPDATE connections SET discovery_status = 'done', discovery_finished_at = $3, discovery_cursor = NULL, discovery_error = $2, updated_at = $3
            WHERE id = $1
            """);
        cmd.Parameters.Add(new() { Value = connectionId });
        cmd.Parameters.Add(new() { Value = message });
        cmd.Parameters.Add(new() { Value = clock.GetUtcNow() });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Marks repositories not seen in this run as gone (never deleted) and the run as done. Returns how many went.</summary>
    public async Task<int> FinishAsync(Guid connectionId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var gone = new NpgsqlCommand("""
            UPDATE repositories r SET status = 'gone', gone_at = $2
            FROM connections c WHERE c.id = $1 AND r.connection_id = c.id AND r.status <> 'gone' AND r.last_seen_at < c.discovery_started_at
            """, conn, tx);
        gone.Parameters.Add(new() { Value = connectionId });
        gone.Parameters.Add(new() { Value = now });
        int vanished = await gone.ExecuteNonQueryAsync(ct);
        await using var done = new NpgsqlCommand("""
            UPDATE connections c SET discovery_status = 'done', discovery_finished_at = $2, discovery_cursor = NULL, discovery_error = NULL, updated_at = $2,
                discovered_count = (SELECT count(*) FROM repositories r WHERE r.connection_id = c.id AND r.status = 'active')
            WHERE c.id = $1
            """, conn, tx);
        done.Parameters.Add(new() { Value = connectionId });
        done.Parameters.Add(new() { Value = now });
        await done.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        return vanished;
    }

    /// <summary>Notes why the run is waiting or failed; <paramref name="failed"/> ends it.</summary>
    public async Task NoteAsync(Guid connectionId, string message, bool failed, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(failed
            ? "UPDATE connections SET discovery_status = 'failed', discovery_error = $2, discovery_finished_at = $3, updated_at = $3 WHERE id = $1"
            : "UPDATE connections SET discovery_error = $2, updated_at = $3 WHERE id = $1");
        cmd.Parameters.Add(new() { Value = connectionId });
        cmd.Parameters.Add(new() { Value = message.Length > 1000 ? message[..1000] : message });
        cmd.Parameters.Add(new() { Value = clock.GetUtcNow() });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlParameter Texts(IEnumerable<string?> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };
}
