using IntegrationHub.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace IntegrationHub.Local;

/// <summary>The web host with the worker inside, configured for one machine.</summary>
internal static class HubApp
{
    /// <param name="keyRing">The data folder's protector setting and file (<see cref="LocalKeyRing"/>); null leaves the key ring unsealed (tests).</param>
    /// <param name="botUrl">The mention bot's address: allow-listed as a webhook target on loopback (the local default only).</param>
    /// <param name="gitHubApp">The demo's platform GitHub App registered at the simulator; null: no platform app.</param>
    public static WebApplication Build(string[] args, string connectionString, string url, string simulatorUrl, (string Setting, string Path)? keyRing = null,
        string? botUrl = null, DemoGitHubApp? gitHubApp = null)
    {
        // Named after this assembly, so its static web assets (the dashboard's CSS) are found whoever hosts it (tests too).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(HubApp).Assembly.GetName().Name });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Hub"] = connectionString,
            ["Hub:Worker:Enabled"] = "true",
            ["Hub:PublicBaseUrl"] = url,
        }.Concat(LocalLogging.Levels).Concat(DemoProviders.HubSettings(simulatorUrl, botUrl is null ? [] : [botUrl]))
            .Concat(gitHubApp?.HubSettings(simulatorUrl) ?? new Dictionary<string, string?>()));

        if (keyRing is { } ring)
        {
            builder.Configuration[ring.Setting] = ring.Path;
        }

        builder.WebHost.UseUrls(url);
        // Serve the dashboard's CSS straight from the build output, as in development; a published web host has it in wwwroot.
        builder.WebHost.UseStaticWebAssets();
        builder.AddHubWeb();
        builder.AddHubWorker();
        return builder.Build();
    }
}
