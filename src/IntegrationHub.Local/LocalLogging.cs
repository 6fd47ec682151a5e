using IntegrationHub.Hosting;
using Microsoft.Extensions.Configuration;

namespace IntegrationHub.Local;

/// <summary>
/// One console for the hub, the simulator and the mention bot, read by a person: the hub's own lines (connections,
/// deliveries, polls, warnings, errors) stay; the framework's per-request and per-command Information lines (ASP.NET
/// Core's request starting/finished, HttpClient's request lines, EF Core's commands, Hangfire's chatter, each app's
/// "Now listening on") are dropped below Warning, since in the demo they are hundreds a minute and say nothing new.
/// </summary>
internal static class LocalLogging
{
    public static readonly IReadOnlyDictionary<string, string?> Levels = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft"] = "Warning", // Microsoft.AspNetCore.*, Microsoft.EntityFrameworkCore.*, Microsoft.Hosting.*
        ["Logging:LogLevel:System.Net.Http"] = "Warning", // System.Net.Http.HttpClient.* (four lines per outbound call)
        ["Logging:LogLevel:Hangfire"] = "Warning",
    };

    /// <summary>
    /// The same levels, and the hub's console format (<see cref="HubLogging"/>), as command-line arguments for the
    /// simulator and the bot, which are built from arguments and do not read the hub's settings.
    /// </summary>
    public static string[] Args(string[] hubArgs)
    {
        var levels = Levels.Select(l => $"--{l.Key}={l.Value}");
        var hubSettings = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(hubArgs).Build();
        if (!HubLogging.IsJson(hubSettings))
        {
            return [.. levels];
        }

        return [.. levels, "--Logging:Console:FormatterName=json", "--Logging:Console:FormatterOptions:IncludeScopes=true",
            "--Logging:Console:FormatterOptions:UseUtcTimestamp=true", $"--Logging:Console:FormatterOptions:TimestampFormat={HubLogging.TimestampFormat}"];
    }
}
