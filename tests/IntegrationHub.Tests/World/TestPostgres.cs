using IntegrationHub.Data;
using IntegrationHub.Local;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace IntegrationHub.Tests.World;

/// <summary>
/// One throwaway PostgreSQL cluster per test run, started from the machine's binaries, with a template database
/// migrated once. Every test class takes its own database cloned from the template, so no test sees another's rows.
/// </summary>
public static class TestPostgres
{
    private const string Template = "ihub_template";
    private const string ClusterPrefix = "ihub-tests-";
    private static readonly SemaphoreSlim CloneLock = new(1, 1);
    private static readonly Lazy<Task<EmbeddedPostgres>> Cluster = new(StartAsync);

    public static async Task<string> CreateDatabaseAsync(bool migrated = true)
    {
        var pg = await Cluster.Value;
        string name = "t_" + Guid.NewGuid().ToString("n")[..16];
        // CREATE DATABASE ... TEMPLATE needs the template to have no other session, so clones go one at a time.
        await CloneLock.WaitAsync();
        try
        {
            await using var conn = new NpgsqlConnection(pg.ConnectionString());
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand(migrated ? $"CREATE DATABASE {name} TEMPLATE {Template}" : $"CREATE DATABASE {name}", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        finally
        {
            CloneLock.Release();
        }

        return pg.ConnectionString(name);
    }

    public static async Task<int> PortAsync() => (await Cluster.Value).Port;

    private static async Task<EmbeddedPostgres> StartAsync()
    {
        StaleTestClusters.Remove(ClusterPrefix);
        string dir = Path.Combine(Path.GetTempPath(), ClusterPrefix + Guid.NewGuid().ToString("n")[..8]);
        var pg = await EmbeddedPostgres.StartAsync(dir, EmbeddedPostgres.FreePort(), throwaway: true, CancellationToken.None);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            pg.StopAsync().GetAwaiter().GetResult();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };

        await using (var conn = new NpgsqlConnection(pg.ConnectionString()))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {Template}", conn);
            await cmd.ExecuteNonQueryAsync();
        }

        await using (var db = NpgsqlDataSource.Create(pg.ConnectionString(Template)))
        {
            await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync(CancellationToken.None);
        }

        NpgsqlConnection.ClearAllPools();
        return pg;
    }
}
