using Npgsql;

namespace IntegrationHub.Local;

internal static class LocalDatabase
{
    public static async Task EnsureCreatedAsync(EmbeddedPostgres postgres, string name, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(postgres.ConnectionString());
        await conn.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", conn) { Parameters = { new() { Value = name } } };
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await create.ExecuteNonQueryAsync(ct);
        }
    }
}
