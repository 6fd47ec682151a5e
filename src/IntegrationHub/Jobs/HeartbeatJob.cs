using Microsoft.Extensions.Logging;
using Npgsql;
using Quartz;

namespace IntegrationHub.Jobs;

/// <summary>
/// Proves the clustered scheduler runs jobs: one recurring job for the cluster, fired on whichever node acquires it;
/// each node that ran it keeps a row with its beat count and last time.
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class HeartbeatJob(NpgsqlDataSource db, WorkerNode node, TimeProvider clock, ILogger<HeartbeatJob> log) : IJob
{
    public static readonly JobKey Key = new("heartbeat", "system");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
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
            cmd.Parameters.Add(new NpgsqlParameter { Value = await context.Scheduler.GetSchedulerInstanceId(ct) });
            cmd.Parameters.Add(new NpgsqlParameter { Value = now });
            await cmd.ExecuteNonQueryAsync(ct);
            node.Beat(now);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            LogFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat could not be recorded")]
    private partial void LogFailed(Exception ex);
}
