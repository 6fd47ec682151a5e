using Hangfire.PostgreSql;
using Npgsql;

namespace IntegrationHub.Jobs;

/// <summary>
/// Installs or upgrades Hangfire's schema during the migration step, one node at a time. Hangfire.PostgreSql's own
/// install creates the schema without a lock, so two nodes starting together on a fresh database race on
/// <c>CREATE SCHEMA</c> (one logs a duplicate-key error with its stack); and a package upgrade's schema change belongs to
/// the migration job, not to whichever node of a rolling update starts first. Nodes still open the storage with
/// "prepare if necessary", which finds it installed.
/// </summary>
public static class HangfireSchemaInstall
{
    // Arbitrary constant, distinct from the migrator's: "IHUBHFSC".
    private const long LockKey = 0x4948_5542_4846_5343;

    public static async Task InstallAsync(NpgsqlDataSource db, string schema, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await ExecAsync(conn, $"SELECT pg_advisory_lock({LockKey})", ct);
        try
        {
            // Synchronous: the package offers no other; it runs a few short scripts once per start.
            PostgreSqlObjectsInstaller.Install(conn, schema);
        }
        finally
        {
            await ExecAsync(conn, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    private static async Task ExecAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
