using System.Security.Cryptography;
using IntegrationHub.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IntegrationHub.Actions;

/// <summary>
/// The action_requests table: a key is claimed (in_progress) before the provider is called and completed with the answer
/// after, so a retry while the first runs or after it finished never reaches the provider again.
/// <para>
/// A crash between the provider call and storing the answer leaves the key in_progress with an unknown outcome: the
/// comment may or may not exist. A retry is never let through on its own, because that could post twice without anyone
/// knowing. Within <see cref="StaleAfter"/> a retry hears "in progress, retry in a second"; after it, a 409 that says the
/// outcome is unknown and asks the client to look at the target and use a new key if it is missing. Keys expire after
/// <see cref="Lifetime"/>; expired rows are deleted as new keys are claimed, a few at a time, so no sweeper is needed.
/// </para>
/// </summary>
internal sealed class IdempotencyKeys(NpgsqlDataSource db, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>Far longer than a provider call may take (the clients give up within a minute).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(10);

    public static byte[] Hash(string method, string path, ReadOnlySpan<byte> body)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{method}\n{path}\n"));
        sha.AppendData(body);
        return sha.GetHashAndReset();
    }

    public async Task<IdempotencyClaim> ClaimAsync(Guid tenantId, string key, byte[] hash, CancellationToken ct, int attempt = 0)
    {
        var now = clock.GetUtcNow();
        await using var batch = db.CreateBatch();
        // Expired keys go first, so an expired key can be used again at once; LIMIT keeps each claim's share small.
        batch.BatchCommands.Add(Command("""
            DELETE FROM action_requests WHERE ctid IN (SELECT ctid FROM action_requests WHERE created_at < $1 LIMIT 50)
            """, now - Lifetime));
        batch.BatchCommands.Add(Command("""
            INSERT INTO action_requests (tenant_id, idempotency_key, request_hash, status, created_at)
            VALUES ($1, $2, $3, 'in_progress', $4)
            ON CONFLICT (tenant_id, idempotency_key) DO NOTHING
            """, tenantId, key, hash, now));
        await batch.ExecuteNonQueryAsync(ct);
        if (batch.BatchCommands[1].RecordsAffected == 1)
        {
            return new IdempotencyClaim(IdempotencyState.Claimed);
        }

        await using var read = db.CreateCommand("""
            SELECT request_hash, status, response_status, response_body, created_at
            FROM action_requests WHERE tenant_id = $1 AND idempotency_key = $2
            """);
        read.Parameters.Add(new() { Value = tenantId });
        read.Parameters.Add(new() { Value = key });
        await using var r = await read.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct))
        {
            // Released (or expired) between our insert and this read: the key is free again, so try again (a few times).
            await r.DisposeAsync();
            return attempt < 3 ? await ClaimAsync(tenantId, key, hash, ct, attempt + 1) : new IdempotencyClaim(IdempotencyState.InProgress);
        }

        var startedAt = r.GetFieldValue<DateTimeOffset>(4);
        if (!CryptographicOperations.FixedTimeEquals(r.GetFieldValue<byte[]>(0), hash))
        {
            return new IdempotencyClaim(IdempotencyState.Mismatch);
        }

        if (r.GetString(1) == "completed")
        {
            return new IdempotencyClaim(IdempotencyState.Replay, r.GetInt32(2), r.GetString(3), startedAt);
        }

        return new IdempotencyClaim(now - startedAt > StaleAfter ? IdempotencyState.Abandoned : IdempotencyState.InProgress, StartedAt: startedAt);
    }

    /// <summary>Stores the answer in <paramref name="hub"/>'s transaction (with the action's audit entry); retries replay it.</summary>
    public Task CompleteAsync(HubDb hub, Guid tenantId, string key, ActionAnswer answer, CancellationToken ct) =>
        hub.Database.ExecuteSqlAsync($"""
            UPDATE action_requests SET status = 'completed', response_status = {answer.Status}, response_body = {answer.Json},
                completed_at = {clock.GetUtcNow()}
            WHERE tenant_id = {tenantId} AND idempotency_key = {key} AND status = 'in_progress'
            """, ct);

    /// <summary>Frees the key: nothing was done that a retry could repeat.</summary>
    public async Task ReleaseAsync(Guid tenantId, string key, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("DELETE FROM action_requests WHERE tenant_id = $1 AND idempotency_key = $2 AND status = 'in_progress'");
        cmd.Parameters.Add(new() { Value = tenantId });
        cmd.Parameters.Add(new() { Value = key });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (object value in values)
        {
            command.Parameters.Add(new() { Value = value });
        }

        return command;
    }
}
