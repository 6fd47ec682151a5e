using System.Diagnostics;
using IntegrationHub.Data;
using IntegrationHub.Tests.World;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace IntegrationHub.Tests.Foundation;

public sealed class MigratorTests
{
    private static readonly MigrationFile One = MigrationFile.Parse("0001_one.sql", "CREATE TABLE one (id int PRIMARY KEY);");
    private static readonly MigrationFile Two = MigrationFile.Parse("0002_two.sql", "CREATE TABLE two (id int PRIMARY KEY);");

    /// <summary>An empty database: the migrator under test creates the schema.</summary>
    private static HubWorldOptions Empty => new() { Migrated = false, WebHost = false };

    [Fact]
    public async Task Fresh_database_gets_every_embedded_migration_once()
    {
        await using var world = await HubWorld.StartAsync(Empty);
        var db = world.Db;
        var migrator = new Migrator(db, NullLogger<Migrator>.Instance);

        int applied = await migrator.MigrateAsync(CancellationToken.None);

        Assert.Equal(MigrationFile.Embedded().Count, applied);
        Assert.True((await migrator.StatusAsync(CancellationToken.None)).IsCurrent);
        Assert.Equal(0, await migrator.MigrateAsync(CancellationToken.None));
        Assert.Equal((long)applied, await Scalar<long>(db, "SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task Rerun_applies_only_new_files()
    {
        await using var world = await HubWorld.StartAsync(Empty);
        var db = world.Db;
        Assert.Equal(1, await new Migrator(db, NullLogger<Migrator>.Instance, [One]).MigrateAsync(CancellationToken.None));

        Assert.Equal(1, await new Migrator(db, NullLogger<Migrator>.Instance, [One, Two]).MigrateAsync(CancellationToken.None));

        Assert.Equal(2L, await Scalar<long>(db, "SELECT count(*) FROM schema_migrations"));
        Assert.True(await Scalar<bool>(db, "SELECT to_regclass('two') IS NOT NULL"));
    }

    [Fact]
    public async Task Changed_checksum_of_an_applied_file_is_refused()
    {
        await using var world = await HubWorld.StartAsync(Empty);
        var db = world.Db;
        await new Migrator(db, NullLogger<Migrator>.Instance, [One]).MigrateAsync(CancellationToken.None);
        var edited = MigrationFile.Parse("0001_one.sql", "CREATE TABLE one (id bigint PRIMARY KEY);");
        var migrator = new Migrator(db, NullLogger<Migrator>.Instance, [edited, Two]);

        var error = await Assert.ThrowsAsync<MigrationChecksumException>(() => migrator.MigrateAsync(CancellationToken.None));

        Assert.Contains("0001_one", error.Message);
        Assert.False(await Scalar<bool>(db, "SELECT to_regclass('two') IS NOT NULL"));
        Assert.Contains("changed", (await migrator.StatusAsync(CancellationToken.None)).Describe());
    }

    [Fact]
    public async Task Failing_file_rolls_back_alone_and_leaves_earlier_ones_applied()
    {
        await using var world = await HubWorld.StartAsync(Empty);
        var db = world.Db;
        var broken = MigrationFile.Parse("0002_broken.sql", "CREATE TABLE half (id int); SELECT no_such_function();");

        await Assert.ThrowsAsync<PostgresException>(() => new Migrator(db, NullLogger<Migrator>.Instance, [One, broken]).MigrateAsync(CancellationToken.None));

        Assert.Equal(1L, await Scalar<long>(db, "SELECT count(*) FROM schema_migrations"));
        Assert.False(await Scalar<bool>(db, "SELECT to_regclass('half') IS NOT NULL"));
    }

    [Fact]
    public async Task Many_nodes_starting_together_migrate_exactly_once()
    {
        await using var world = await HubWorld.StartAsync(Empty);
        var db = world.Db;

        var runs = Enumerable.Range(0, 8).Select(_ => Task.Run(() => new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync(CancellationToken.None)));
        int[] applied = await Task.WhenAll(runs);

        Assert.Equal(MigrationFile.Embedded().Count, applied.Sum());
        Assert.Equal((long)MigrationFile.Embedded().Count, await Scalar<long>(db, "SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task Two_processes_starting_together_migrate_exactly_once()
    {
        await using var world = await HubWorld.StartAsync(Empty);
        string connectionString = world.ConnectionString;
        string worker = Path.Combine(AppContext.BaseDirectory, "IntegrationHub.Worker.dll");

        var processes = Enumerable.Range(0, 2).Select(_ => Process.Start(new ProcessStartInfo("dotnet", [worker, "--migrate-only"])
        {
            Environment = { ["ConnectionStrings__Hub"] = connectionString },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!).ToList();
        foreach (var p in processes)
        {
            var output = p.StandardOutput.ReadToEndAsync();
            await p.WaitForExitAsync();
            Assert.True(p.ExitCode == 0, await output + await p.StandardError.ReadToEndAsync());
        }

        await using var db = NpgsqlDataSource.Create(connectionString);
        Assert.Equal((long)MigrationFile.Embedded().Count, await Scalar<long>(db, "SELECT count(*) FROM schema_migrations"));
        Assert.Equal(0L, await Scalar<long>(db, "SELECT count(*) FROM (SELECT version FROM schema_migrations GROUP BY version HAVING count(*) > 1) d"));
    }

    private static async Task<T> Scalar<T>(NpgsqlDataSource db, string sql)
    {
        await using var cmd = db.CreateCommand(sql);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }
}
