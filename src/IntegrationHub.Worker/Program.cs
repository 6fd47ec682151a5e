using IntegrationHub.Health;
using IntegrationHub.Hosting;

// The worker host: Quartz clustered on PostgreSQL. It serves only GET /healthz (default port 5081) for orchestrators.
var builder = WebApplication.CreateBuilder(args);
builder.AddHubCore();
builder.AddHubWorker();
builder.WebHost.UseUrls(builder.Configuration["urls"] ?? "http://127.0.0.1:5081");

var app = builder.Build();
await app.MigrateHubAsync();
if (args.Contains("--migrate-only"))
{
    return;
}

app.MapHealth(worker: true);
app.Run();
