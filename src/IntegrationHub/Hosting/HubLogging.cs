using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace IntegrationHub.Hosting;

/// <summary>
/// The console's format, by the setting <c>Hub:Logging:Format</c>: <c>text</c> (the default, for a person at a terminal)
/// or <c>json</c> (one object a line for a log collector). JSON carries the scopes, where the ids of the work in hand
/// (TenantId, ConnectionId, HookId, DeliveryId) and the current Activity's TraceId and SpanId are, so a line can be joined
/// to its trace.
/// </summary>
public static class HubLogging
{
    public const string FormatSetting = "Hub:Logging:Format";

    /// <summary>ISO 8601 in UTC with milliseconds: sortable, and what collectors parse without a pattern.</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static IHostApplicationBuilder AddHubLogging(this IHostApplicationBuilder builder)
    {
        // The default host sets these too; said here so that the JSON lines' trace ids never depend on a host's defaults.
        builder.Logging.Configure(o => o.ActivityTrackingOptions |= ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        if (IsJson(builder.Configuration))
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = TimestampFormat;
            });
        }

        return builder;
    }

    /// <summary>True for <c>json</c>; false for <c>text</c> or nothing; a typo stops the host rather than logging in a format nobody expects.</summary>
    public static bool IsJson(IConfiguration configuration) => configuration[FormatSetting]?.Trim().ToLowerInvariant() switch
    {
        null or "" or "text" => false,
        "json" => true,
        var other => throw new InvalidOperationException($"{FormatSetting} is '{other}'; use text or json."),
    };
}
