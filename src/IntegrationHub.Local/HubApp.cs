using IntegrationHub.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace IntegrationHub.Local;

/// <summary>The web host with the worker inside, configured for one machine.</summary>
internal static class HubApp
{
    public static WebApplication Build(string[] args, string connectionString, string url, string simulatorUrl)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Hub"] = connectionString,
            ["Hub:Worker:Enabled"] = "true",
            ["Hub:PublicBaseUrl"] = url,
            // One console for everything: keep framework chatter out of it, keep our own lines.
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft"] = "Warning",
            ["Logging:LogLevel:Quartz"] = "Warning",
            ["Logging:LogLevel:System.Net.Http"] = "Warning",
        });
        builder.WebHost.UseUrls(url);
        // Serve the dashboard's CSS straight from the build output, as in development; a published web host has it in wwwroot.
        builder.WebHost.UseStaticWebAssets();
        builder.AddHubWeb();
        builder.AddHubWorker();
        return builder.Build();
    }
}
