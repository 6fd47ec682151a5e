using IntegrationHub.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Tests.Ingest;

/// <summary>A worker node (a Hangfire server on the test database) whose inbox process pauses a second when idle; nothing else.</summary>
internal static class IngestWorkerHost
{
    public static async Task<WebApplication> StartAsync(string connectionString)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Hub"] = connectionString,
            ["Hub:Worker:NodeId"] = "ingest-test-" + Guid.NewGuid().ToString("n")[..6],
            ["Hub:Ingest:JobSeconds"] = "1",
            ["Hub:Poll:Enabled"] = "false",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddHubCore();
        builder.AddHubWorker();
        var worker = builder.Build();
        await worker.MigrateHubAsync();
        await worker.StartAsync();
        return worker;
    }
}
