using Hangfire.Server;
using IntegrationHub.Settings;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Jobs;

/// <summary>
/// A Hangfire background process on every worker node: each beat upserts this node's row in worker_heartbeats (beat
/// count, last time, the Hangfire server id it runs under), then waits Hub:Worker:HeartbeatSeconds. A row that stops
/// moving is a node whose Hangfire server no longer runs its processes; the node's health check reads its own row.
/// The first beat also writes the "Worker ready" line: it proves the server started, our processes run, and the
/// database takes writes, which is what an operator (and WorkerProcess in the tests) waits for.
/// </summary>
internal sealed partial class HeartbeatProcess(NpgsqlDataSource db, WorkerNode node, IOptions<HubOptions> options, TimeProvider clock,
    ILogger<HeartbeatProcess> log) : IBackgroundProcess
{
    private bool _announced;

    /// <summary>
    /// Hangfire calls this in a loop on a thread of its own until the server stops; blocking that thread on the async
    /// beat costs nothing else (BackgroundJobServer takes extra processes as <see cref="IBackgroundProcess"/> only).
    /// </summary>
    public void Execute(BackgroundProcessContext context) => BeatAsync(context.ServerId, context.StoppingToken).GetAwaiter().GetResult();

    public async Task BeatAsync(string serverId, CancellationToken ct)
    {
        try
        {
            var now = clock.GetUtcNow();
            await using var cmd = db.CreateCommand("""
                INSERT INTO worker_heartbeats (node_id, instance_id, beats, started_at, last_beat_at)
                VALUES ($1, $2, 1, $3, $3)
                ON CONFLICT (node_id) DO UPDATE SET instance_id = excluded.instance_id,
                    beats = worker_heartbeats.beats + 1, last_beat_at = excluded.last_beat_at
                """);
            cmd.Parameters.Add(new NpgsqlParameter { Value = node.Id });
            cmd.Parameters.Add(new NpgsqlParameter { Value = serverId });
            cmd.Parameters.Add(new NpgsqlParameter { Value = now });
            await cmd.ExecuteNonQueryAsync(ct);
            if (!_announced)
            {
                _announced = true;
                LogReady(node.Id, serverId);
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            LogFailed(ex);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return; // the server is stopping
        }

        await BackgroundPause.WaitAsync(TimeSpan.FromSeconds(Math.Max(1, options.Value.Worker.HeartbeatSeconds)), clock, ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker ready: node {NodeId}, Hangfire server {ServerId}")]
    private partial void LogReady(string nodeId, string serverId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat could not be recorded")]
    private partial void LogFailed(Exception ex);
}
