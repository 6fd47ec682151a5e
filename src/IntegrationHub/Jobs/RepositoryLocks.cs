using Npgsql;

namespace IntegrationHub.Jobs;

/// <summary>
/// A per-repository PostgreSQL advisory lock held while a node changes that repository's hook at the provider, so
/// registering, removing and rotating never interleave across nodes. Try-only: a busy repository is postponed.
/// </summary>
internal sealed class RepositoryLocks(NpgsqlDataSource db)
{
    public Task<IAsyncDisposable?> TryAcquireAsync(Guid repositoryId, CancellationToken ct) => TryAcquireAsync(repositoryId.ToString("N"), ct);

    /// <summary>
    /// A connection-level run (<paramref name="purpose"/>: "discover", "reconcile", "remove-hooks") held by one node at a
    /// time: a node that took the job over while the first still runs waits instead of doing the same work beside it.
    /// </summary>
    public Task<IAsyncDisposable?> TryAcquireAsync(string purpose, Guid connectionId, CancellationToken ct) =>
        TryAcquireAsync($"{purpose}:{connectionId:N}", ct);

    private async Task<IAsyncDisposable?> TryAcquireAsync(string key, CancellationToken ct)
    {
        var conn = await db.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtextextended($1::text, 17))", conn);
            cmd.Parameters.Add(new() { Value = key });
            if ((bool)(await cmd.ExecuteScalarAsync(ct))!)
            {
                return new Held(conn, key);
            }
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }

        await conn.DisposeAsync();
        return null;
    }

    private sealed class Held(NpgsqlConnection conn, string key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var cmd = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended($1::text, 17))", conn);
                cmd.Parameters.Add(new() { Value = key });
                await cmd.ExecuteScalarAsync(CancellationToken.None);
            }
            finally
            {
                // Closing the session releases the lock anyway, should the unlock fail.
                await conn.DisposeAsync();
            }
        }
    }
}
