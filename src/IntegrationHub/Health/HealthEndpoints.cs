using IntegrationHub.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;

namespace IntegrationHub.Health;

/// <summary>
/// GET /healthz: 200 only when PostgreSQL answers and every migration this build carries is applied unchanged;
/// 503 with the reason otherwise. On a worker host it also requires the clustered scheduler to be running.
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
                var scheduler = await http.RequestServices.GetRequiredService<ISchedulerFactory>().GetScheduler(ct);
                if (await scheduler.GetStatus(ct) != SchedulerStatus.Running)
                {
                    return Unavailable("scheduler not running");
                }
            }

            return Results.Ok(new { status = "ok", schemaVersion = status.LatestVersion });
        }).AllowAnonymous();
        return app;
    }

    private static IResult Unavailable(string reason) =>
        Results.Json(new { status = "unavailable", reason }, statusCode: StatusCodes.Status503ServiceUnavailable);
}
