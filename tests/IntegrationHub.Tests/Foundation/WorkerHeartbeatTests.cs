using IntegrationHub.Hosting;
using IntegrationHub.Tests.World;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IntegrationHub.Tests.Foundation;

/// <summary>The heartbeat is a Hangfire background process on every worker node: it beats under the node's running Hangfire server.</summary>
public sealed class WorkerHeartbeatTests
{
    [Fact]
    public async Task Worker_node_records_heartbeats_from_its_Hangfire_server()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { WebHost = false });
        string cs = world.ConnectionString;
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Hub"] = cs,
            ["Hub:Worker:NodeId"] = "test-node",
            ["Hub:Worker:HeartbeatSeconds"] = "1",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddHubCore();
        builder.AddHubWorker();
        await using var worker = builder.Build();
        await worker.MigrateHubAsync();
        await worker.StartAsync();

        await using var db = NpgsqlDataSource.Create(cs);
        long beats = 0;
        for (int i = 0; i < 100 && beats < 2; i++)
        {
            await Task.Delay(200);
            await using var cmd = db.CreateCommand("SELECT coalesce(max(beats), 0) FROM worker_heartbeats WHERE node_id = 'test-node'");
            beats = (long)(await cmd.ExecuteScalarAsync())!;
        }

        // The beat names the Hangfire server it runs under, and that server is registered in Hangfire's storage.
        await using var state = db.CreateCommand("""
            SELECT count(*) FROM worker_heartbeats h JOIN hangfire.server s ON s.id = h.instance_id WHERE h.node_id = 'test-node'
            """);
        long registered = (long)(await state.ExecuteScalarAsync())!;
        await worker.StopAsync();

        Assert.True(beats >= 2, $"expected at least two heartbeats, saw {beats}");
        Assert.Equal(1, registered);
    }
}
