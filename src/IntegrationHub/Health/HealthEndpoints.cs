using Hangfire;
using IntegrationHub.Actions;
using IntegrationHub.Data;
using IntegrationHub.Events;
using IntegrationHub.Jobs;
using IntegrationHub.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IntegrationHub.Health;

/// <summary>
/// GET /healthz: 200 only when PostgreSQL answers and every migration this build carries is applied unchanged;
/// 503 with the reason otherwise. On a worker host it also requires this node's Hangfire servers to be running and its
/// own heartbeat to be fresh. 200 with status "degraded" when the transaction counter is behind the stored event
/// positions (<see cref="TransactionCounterCheck"/>).
/// </summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app, bool worker = false)
    {
        app.MapGet("/healthz", async (HttpContext http, Migrator migrator, CancellationToken ct) =>
        {
            MigrationStatus status;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                status = await migrator.StatusAsync(timeout.Token);
            }
            catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException)
            {
                return Unavailable("database unreachable");
            }

            if (!status.IsCurrent)
            {
                return Unavailable(status.Describe());
            }

            if (worker)
            {
                // This node's Hangfire servers announce themselves in the shared storage while they run.
                string node = http.RequestServices.GetRequiredService<WorkerNode>().Id + ":";
                if (!http.RequestServices.GetRequiredService<JobStorage>().GetMonitoringApi().Servers()
                    .Any(s => s.Name.StartsWith(node, StringComparison.OrdinalIgnoreCase)))
                {
                    return Unavailable("job server not running");
                }

                string? stale;
                try
                {
                    stale = await StaleHeartbeatAsync(http.RequestServices, ct);
                }
                catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
                {
                    return Unavailable("database unreachable");
                }

                if (stale is not null)
                {
                    return Unavailable(stale);
                }
            }

            // Degraded, not unavailable: everything but the feed works, and taking the hub out of service helps nobody.
            if (http.RequestServices.GetRequiredService<TransactionCounterCheck>().Problem is { } behind)
            {
                return Results.Ok(new { status = "degraded", reason = behind, schemaVersion = status.LatestVersion });
            }

            return Results.Ok(new { status = "ok", schemaVersion = status.LatestVersion });
        }).AllowAnonymous();
        return app;
    }

    /// <summary>
    /// Every worker node beats its own row from a Hangfire background process (HeartbeatProcess); the check reads this
    /// node's row: when it has not beaten for Hub:Worker:StaleAfterBeats beats, its Hangfire server is registered but its
    /// background processes do not run (or cannot write), and restarting this node is what helps. Another node's fresh
    /// beat says nothing about this one.
    /// </summary>
    private static async Task<string?> StaleHeartbeatAsync(IServiceProvider services, CancellationToken ct)
    {
        var node = services.GetRequiredService<WorkerNode>();
        await using var cmd = services.GetRequiredService<NpgsqlDataSource>().CreateCommand("SELECT last_beat_at FROM worker_heartbeats WHERE node_id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = node.Id });
        var last = await cmd.ExecuteScalarAsync(ct) as DateTime?;
        if (last is null)
        {
            return "no heartbeat recorded by this node yet";
        }

        var age = services.GetRequiredService<TimeProvider>().GetUtcNow() - new DateTimeOffset(last.Value, TimeSpan.Zero);
        return age > node.StaleAfter ? $"no heartbeat from this node for {(int)age.TotalSeconds} s (stale after {(int)node.StaleAfter.TotalSeconds} s)" : null;
    }

    private static IResult Unavailable(string reason) =>
        Results.Json(new { status = "unavailable", reason }, statusCode: StatusCodes.Status503ServiceUnavailable);
}
