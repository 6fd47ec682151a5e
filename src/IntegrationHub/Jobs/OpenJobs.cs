using Hangfire;
using Hangfire.States;
using Npgsql;

namespace IntegrationHub.Jobs;

/// <summary>
/// At most one open job per key (open_jobs): enqueueing "discover connection X" while the job recorded for it is still
/// enqueued, scheduled, awaiting or processing adds nothing, as the old queue's unique index on open items did. The row
/// is locked while the state is read and the job enqueued, so two requests racing cannot both enqueue.
/// </summary>
public sealed class OpenJobs(NpgsqlDataSource db, JobStorage storage, TimeProvider clock)
{
    private static readonly HashSet<string> Open = new(StringComparer.OrdinalIgnoreCase)
    {
        EnqueuedState.StateName, ScheduledState.StateName, AwaitingState.StateName, ProcessingState.StateName,
    };

    /// <summary>
    /// Enqueues through <paramref name="enqueue"/> unless the job recorded for <paramref name="key"/> is open; returns the open or new job's id.
    /// With <paramref name="startedCounts"/> false only a job waiting in its queue counts as open: one that started (running,
    /// or postponed and scheduled again part-way) may have read what the caller knows changed since.
    /// </summary>
    public async Task<string> EnqueueOnceAsync(string key, Func<string> enqueue, CancellationToken ct, bool startedCounts = true)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var insert = new NpgsqlCommand("INSERT INTO open_jobs (key, job_id, created_at) VALUES ($1, '', $2) ON CONFLICT (key) DO NOTHING", conn, tx))
        {
            insert.Parameters.Add(new() { Value = key });
            insert.Parameters.Add(new() { Value = clock.GetUtcNow() });
            await insert.ExecuteNonQueryAsync(ct);
        }

        string current;
        await using (var read = new NpgsqlCommand("SELECT job_id FROM open_jobs WHERE key = $1 FOR UPDATE", conn, tx))
        {
            read.Parameters.Add(new() { Value = key });
            current = (string)(await read.ExecuteScalarAsync(ct))!;
        }

        if (current.Length > 0 && IsOpen(current, startedCounts))
        {
            await tx.CommitAsync(ct);
            return current;
        }

        string id = enqueue();
        await using (var update = new NpgsqlCommand("UPDATE open_jobs SET job_id = $2, created_at = $3 WHERE key = $1", conn, tx))
        {
            update.Parameters.Add(new() { Value = key });
            update.Parameters.Add(new() { Value = id });
            update.Parameters.Add(new() { Value = clock.GetUtcNow() });
            await update.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        return id;
    }

    /// <summary>The job recorded for <paramref name="key"/> when it is still open, else null.</summary>
    public async Task<string?> OpenJobAsync(string key, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT job_id FROM open_jobs WHERE key = $1");
        cmd.Parameters.Add(new() { Value = key });
        return await cmd.ExecuteScalarAsync(ct) is string id && id.Length > 0 && IsOpen(id, startedCounts: true) ? id : null;
    }

    private bool IsOpen(string jobId, bool startedCounts)
    {
        using var connection = storage.GetConnection();
        return connection.GetStateData(jobId)?.Name is { } state
            && (startedCounts ? Open.Contains(state) : string.Equals(state, EnqueuedState.StateName, StringComparison.OrdinalIgnoreCase));
    }
}
