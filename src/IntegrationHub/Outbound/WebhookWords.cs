using System.Globalization;
using IntegrationHub.Data;
namespace IntegrationHub.Outbound;

/// <summary>How the webhook pages put times and outcomes into words.</summary>
internal static class WebhookWords
{
    public static string Time(DateTimeOffset? at) =>
        at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "never";

    public const string SinceNeeded = "Give the time to replay from, for example 2026-12-05T00:00 (UTC).";

    /// <summary>A replay's start as a person types it (a datetime-local field), read as UTC.</summary>
    public static bool TryParseSince(string? text, out DateTimeOffset since) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out since);

    public static string Ago(TimeSpan span) => span switch
    {
        { TotalDays: >= 2 } => $"{(int)span.TotalDays} days",
        { TotalHours: >= 2 } => $"{(int)span.TotalHours} hours",
        { TotalMinutes: >= 2 } => $"{(int)span.TotalMinutes} minutes",
        _ => "moments",
    };

    /// <summary>The configured failure window, as the disable notice says it ("5 days", "36 hours").</summary>
    public static string Window(int hours) => hours % 24 == 0 ? $"{hours / 24} days" : $"{hours} hours";

    public static string Outcome(int? statusCode, string? error) => statusCode switch
    {
        { } code when code is >= 200 and < 300 => $"{code} delivered",
        { } code => error is null ? $"{code} failed" : $"{code} failed: {error}",
        null => error is null ? "no answer" : $"no answer: {error}",
    };

    public static string LastAttempt(OutboundAttempt? last) =>
        last is null ? "none yet" : $"{Outcome(last.StatusCode, null)} at {Time(last.AttemptedAt)}";

    /// <summary>The notice after a post-redirect on a subscription's page.</summary>
    public static string Done(string? done, int? queued) => done switch
    {
        "enabled" => "Enabled: events recorded from now on are delivered. Replay a time window to send what arrived meanwhile.",
        "disabled" => "Disabled: no event is sent until it is enabled again.",
        "replayed" => $"Queued {queued ?? 0} deliveries to send again.",
        _ => "Done.",
    };
}
