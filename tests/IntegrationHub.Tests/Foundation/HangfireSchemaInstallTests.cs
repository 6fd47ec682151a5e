using IntegrationHub.Jobs;
using IntegrationHub.Tests.World;
using Npgsql;

namespace IntegrationHub.Tests.Foundation;

public sealed class HangfireSchemaInstallTests
{
    /// <summary>
    /// Nodes starting together on a fresh database all install Hangfire's schema: without the lock two of them race on
    /// CREATE SCHEMA and one fails with a duplicate key.
    /// </summary>
    [Fact]
    public async Task Nodes_installing_at_once_on_a_fresh_database_all_succeed_and_install_it_once()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { Migrated = false, WebHost = false });

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => HangfireSchemaInstall.InstallAsync(world.Db, "hangfire", CancellationToken.None))));

        await using var cmd = world.Db.CreateCommand("SELECT max(version::integer) FROM hangfire.schema");
        Assert.True((int)(await cmd.ExecuteScalarAsync())! >= 20);
        // pg_locks is the whole cluster's: other tests' databases hold advisory locks of their own.
        await using var locks = world.Db.CreateCommand(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
        Assert.Equal(0L, (long)(await locks.ExecuteScalarAsync())!);
    }
}
