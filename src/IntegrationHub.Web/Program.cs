using IntegrationHub.Admin;
using IntegrationHub.Data;
using IntegrationHub.Hosting;
using IntegrationHub.Secrets;
using IntegrationHub.Settings;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);
builder.AddHubWeb();
if (builder.Configuration.GetValue<bool>("Hub:Worker:Enabled"))
{
    builder.AddHubWorker();
}

var app = builder.Build();
// An unreachable database or an edited migration gets one plain line and exit code 2, not a stack dump.
if (!await MigratorStartup.TryMigrateAsync(ct => app.MigrateHubAsync(ct), "IntegrationHub.Web", Console.Error, CancellationToken.None))
{
    Environment.ExitCode = MigratorStartup.CannotStartExitCode;
    return;
}

if (args.Contains("--migrate-only"))
{
    return;
}

// --grant-platform-admin / --revoke-platform-admin EMAIL change who administers the platform, instead of serving.
if (await PlatformAdminCommand.RunAsync(app.Services, args, "IntegrationHub.Web", Console.Out, Console.Error, CancellationToken.None) is { } adminExit)
{
    Environment.ExitCode = adminExit;
    return;
}

// Outside Development: no key-ring protector, or a key ring it cannot open, is one plain line and exit code 2;
// --reprotect-secrets re-seals the key ring and re-encrypts stored secrets instead of serving.
if (await KeyRingStartup.RunAsync(app.Services, args, "IntegrationHub.Web",
    app.Services.GetRequiredService<IOptions<HubOptions>>().Value.Worker.StaleAfter, CancellationToken.None) is { } exitCode)
{
    Environment.ExitCode = exitCode;
    return;
}

app.MapHubWeb();
app.Run();

/// <summary>Visible to WebApplicationFactory in tests.</summary>
public partial class Program;
