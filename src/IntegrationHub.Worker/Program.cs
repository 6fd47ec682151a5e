using IntegrationHub.Data;
using IntegrationHub.Health;
using IntegrationHub.Hosting;
using IntegrationHub.Secrets;
using IntegrationHub.Settings;
using IntegrationHub.Telemetry;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Worker;

/// <summary>
/// The worker host: Quartz clustered on PostgreSQL. It serves only GET /healthz (default http://127.0.0.1:5081) for
/// orchestrators, and exits with code 2 and one plain line on stderr when it cannot start (database unreachable or
/// refusing, an applied migration changed).
/// </summary>
internal static class WorkerProgram
{
    public static async Task Main(string[] args)
    {
        if (args is [IntegrationHub.Hosting.RefreshCommand.Verb, ..])
        {
            Environment.ExitCode = await IntegrationHub.Hosting.RefreshCommand.RunAsync(args);
            return;
        }

        var builder = WebApplication.CreateBuilder(args);
        builder.AddHubCore();
        builder.AddHubWorker();
        builder.AddHubTelemetry("IntegrationHub.Worker");
        builder.WebHost.UseUrls(builder.Configuration["urls"] ?? "http://127.0.0.1:5081");

        await using var app = builder.Build();
        // An unreachable database or an edited migration gets one plain line and exit code 2, not a stack dump.
        if (!await MigratorStartup.TryMigrateAsync(ct => app.MigrateHubAsync(ct), "IntegrationHub.Worker", Console.Error, CancellationToken.None))
        {
            Environment.ExitCode = MigratorStartup.CannotStartExitCode;
            return;
        }

        if (args.Contains("--migrate-only"))
        {
            return;
        }

        // Outside Development: no key-ring protector, or a key ring it cannot open, is one plain line and exit code 2;
        // --reprotect-secrets re-seals the key ring and re-encrypts stored secrets instead of running the worker.
        if (await KeyRingStartup.RunAsync(app.Services, args, "IntegrationHub.Worker",
            app.Services.GetRequiredService<IOptions<HubOptions>>().Value.Worker.StaleAfter, CancellationToken.None) is { } exitCode)
        {
            Environment.ExitCode = exitCode;
            return;
        }

        app.MapHealth(worker: true);
        app.MapHubMetrics();
        await app.RunAsync();
    }
}
