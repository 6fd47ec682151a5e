using System.Net;
using IntegrationHub.Tests.World;
using Npgsql;

namespace IntegrationHub.Tests.Foundation;

/// <summary>The built worker executable on its own, as an operator runs it: how it starts, and how it refuses to.</summary>
public sealed class WorkerProcessTests
{
    [Fact]
    public async Task Worker_against_an_unreachable_database_exits_2_with_one_plain_line()
    {
        const string password = "not-printed-anywhere";
        string connectionString = $"Host=127.0.0.1;Port={WorkerProcess.FreePort()};Database=hub;Username=hub;Password={password};Timeout=5";
        await using var worker = WorkerProcess.Start(connectionString);

        await worker.WaitForExitAsync();

        Assert.True(worker.ExitCode == 2, worker.Output);
        Assert.Contains("IntegrationHub.Worker cannot start: PostgreSQL is unreachable", worker.Output);
        Assert.Contains("ConnectionStrings__Hub", worker.Output);
        AssertOnePlainLine(worker.Output);
        Assert.DoesNotContain(password, worker.Output);
    }

    [Fact]
    public async Task Worker_refuses_an_edited_applied_migration_with_one_plain_line()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { WebHost = false });
        string connectionString = world.ConnectionString;
        await ExecAsync(connectionString, "UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1");
        await using var worker = WorkerProcess.Start(connectionString);

        await worker.WaitForExitAsync();

        Assert.True(worker.ExitCode == 2, worker.Output);
        Assert.Contains("IntegrationHub.Worker cannot start: applied migration(s) 0001", worker.Output);
        Assert.Contains("new migration", worker.Output);
        AssertOnePlainLine(worker.Output);
    }

    [Fact]
    public async Task Worker_alone_logs_its_ready_line_and_answers_200_on_healthz()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { WebHost = false });
        await using var worker = WorkerProcess.Start(world.ConnectionString);

        Assert.True(await worker.WaitForReadyAsync(), $"no ready line; output:\n{worker.Output}");
        var (status, body) = await worker.HealthAsync(HttpStatusCode.OK);

        Assert.True(status == HttpStatusCode.OK, $"{(int)status} {body}\n{worker.Output}");
        Assert.Contains("\"ok\"", body);
    }

    [Fact]
    public async Task Worker_healthz_is_503_when_its_own_heartbeat_is_stale_even_while_another_node_beats()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { WebHost = false });
        string connectionString = world.ConnectionString;
        // One beat at start, the next in an hour; stale after one missed beat.
        await using var worker = WorkerProcess.Start(connectionString, new Dictionary<string, string>
        {
            ["Hub__Worker__HeartbeatSeconds"] = "3600",
            ["Hub__Worker__StaleAfterBeats"] = "1",
        });
        Assert.True(await worker.WaitForReadyAsync(), $"no ready line; output:\n{worker.Output}");
        Assert.Equal(HttpStatusCode.OK, (await worker.HealthAsync(HttpStatusCode.OK)).Status);

        await ExecAsync(connectionString, "UPDATE worker_heartbeats SET last_beat_at = now() - interval '2 hours'");
        await ExecAsync(connectionString, """
            INSERT INTO worker_heartbeats (node_id, instance_id, beats, started_at, last_beat_at) VALUES ('another-node', 'another:1', 9, now(), now())
            """);
        var (status, body) = await worker.HealthAsync(HttpStatusCode.ServiceUnavailable);

        Assert.True(status == HttpStatusCode.ServiceUnavailable, $"{(int)status} {body}");
        Assert.Contains("no heartbeat from this node for", body);
    }

    private static void AssertOnePlainLine(string output)
    {
        Assert.DoesNotContain("Unhandled exception", output);
        Assert.DoesNotContain("   at ", output);
        Assert.DoesNotContain("Exception:", output);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), l => l.Contains("cannot start"));
    }

    private static async Task ExecAsync(string connectionString, string sql)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var cmd = db.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }
}
