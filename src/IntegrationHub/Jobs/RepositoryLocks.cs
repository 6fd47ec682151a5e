using Npgsql;

namespace IntegrationHub.Jobs;

/// <summary>
/// A per-repository PostgreSQL advisory lock held while a node changes that repository's hook at the provider, so
/// registering, removing and rotating never interleave across nodes. Try-only: a busy repository is postponed.
/// </summary>
internal sealed class RepositoryLocks(NpgsqlDataSource db)
{
    public async Task<IAsyncDisposable?> TryAcquireAsync(Guid repositoryId, CancellationToken ct)
    {
        var conn = await db.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtextextended($1::text, 17))", conn);
            cmd.Parameters.Add(new() { Value = repositoryId.ToString("N") });
            if ((bool)(await cmd.ExecuteScalarAsync(ct))!)
            {
                return new Held(conn, repositoryId);
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

    private sealed class Held(NpgsqlConnection conn, Guid repositoryId) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var cmd = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended($1::text, 17))", conn);
                cmd.Parameters.Add(new() { Value = repositoryId.ToString("N") });
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
