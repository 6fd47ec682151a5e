using Microsoft.Extensions.Logging;
using Npgsql;

namespace IntegrationHub.Data;

/// <summary>
/// Applies migrations/NNNN_*.sql in order, each in its own transaction, recording version and checksum in
/// schema_migrations. A session advisory lock makes nodes that start together migrate exactly once.
/// </summary>
public sealed partial class Migrator(NpgsqlDataSource db, ILogger<Migrator> log, IReadOnlyList<MigrationFile>? files = null)
{
    // Arbitrary constant shared by every node: "IHUBMIGR".
    private const long LockKey = 0x4948_5542_4D49_4752;

    private readonly IReadOnlyList<MigrationFile> _files = files ?? MigrationFile.Embedded();

    public async Task<int> MigrateAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await Exec(conn, $"SELECT pg_advisory_lock({LockKey})", ct);
        try
        {
            await Exec(conn, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version     integer PRIMARY KEY,
                    name        text NOT NULL,
                    checksum    text NOT NULL,
                    applied_at  timestamptz NOT NULL DEFAULT now())
                """, ct);
            var applied = await ReadApplied(conn, ct);
            var changed = Changed(applied);
            if (changed.Count > 0)
            {
                throw new MigrationChecksumException(changed);
            }

            int count = 0;
            foreach (var file in _files.Where(f => !applied.ContainsKey(f.Version)))
            {
                await using var tx = await conn.BeginTransactionAsync(ct);
                await using (var cmd = new NpgsqlCommand(file.Sql, conn, tx))
                {
                    await cmd.ExecuteNonQueryAsync(ct);
                }

                await using (var record = new NpgsqlCommand(
                    "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", conn, tx))
                {
                    record.Parameters.Add(new() { Value = file.Version });
                    record.Parameters.Add(new() { Value = file.Name });
                    record.Parameters.Add(new() { Value = file.Checksum });
                    await record.ExecuteNonQueryAsync(ct);
                }

                await tx.CommitAsync(ct);
                LogApplied(file.Name);
                count++;
            }

            LogCurrent(_files.Count == 0 ? 0 : _files[^1].Version, count);
            return count;
        }
        finally
        {
            await Exec(conn, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    public async Task<MigrationStatus> StatusAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT to_regclass('schema_migrations') IS NOT NULL", conn);
        var applied = (bool)(await exists.ExecuteScalarAsync(ct))!
            ? await ReadApplied(conn, ct)
            : new Dictionary<int, string>();
        int pending = _files.Count(f => !applied.ContainsKey(f.Version));
        return new MigrationStatus(applied.Count, pending, Changed(applied), applied.Count == 0 ? null : applied.Keys.Max());
    }

    private List<string> Changed(Dictionary<int, string> applied) =>
        _files.Where(f => applied.TryGetValue(f.Version, out var sum) && sum != f.Checksum).Select(f => f.Name).ToList();

    private static async Task<Dictionary<int, string>> ReadApplied(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT version, checksum FROM schema_migrations", conn);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var applied = new Dictionary<int, string>();
        while (await reader.ReadAsync(ct))
        {
            applied[reader.GetInt32(0)] = reader.GetString(1);
        }

        return applied;
    }

    private static async Task Exec(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Name}")]
    private partial void LogApplied(string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema at version {Version} ({Applied} applied now)")]
    private partial void LogCurrent(int version, int applied);
}
