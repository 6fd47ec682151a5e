using IntegrationHub.Hosting;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);
builder.AddHubWeb();
if (builder.Configuration.GetValue<bool>("Hub:Worker:Enabled"))
{
    builder.AddHubWorker();
}

var app = builder.Build();
await app.MigrateHubAsync();
if (args.Contains("--migrate-only"))
{
    return;
}

app.MapHubWeb();
app.Run();

/// <summary>Visible to WebApplicationFactory in tests.</summary>
public partial class Program;
