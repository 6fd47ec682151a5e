using IntegrationHub.Health;
using IntegrationHub.Hosting;

namespace IntegrationHub.Worker;

/// <summary>
/// The worker host: Quartz clustered on PostgreSQL. It serves only GET /healthz (default http://127.0.0.1:5081) for
/// orchestrators, and exits non-zero when it cannot start (database unreachable, an applied migration changed).
/// </summary>
internal static class WorkerProgram
{
    public static async Task Main(string[] args)
    {
        if (args is [IntegrationHub.Connect.RefreshCommand.Verb, ..])
        {
            Environment.ExitCode = await IntegrationHub.Connect.RefreshCommand.RunAsync(args);
            return;
        }

        var builder = WebApplication.CreateBuilder(args);
        builder.AddHubCore();
        builder.AddHubWorker();
        builder.WebHost.UseUrls(builder.Configuration["urls"] ?? "http://127.0.0.1:5081");

        await using var app = builder.Build();
        await app.MigrateHubAsync();
        if (args.Contains("--migrate-only"))
        {
            return;
        }

        app.MapHealth(worker: true);
        await app.RunAsync();
    }
}
