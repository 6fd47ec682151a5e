using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Accounts;

/// <summary>How a throttled form post is answered: 429 with Retry-After, and words a person can act on.</summary>
internal static class TooManyAttempts
{
    public static void Answer(HttpContext? http, TimeSpan wait)
    {
        if (http is { Response.HasStarted: false })
        {
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            http.Response.Headers.RetryAfter = Seconds(wait).ToString(CultureInfo.InvariantCulture);
        }
    }

    public static string Words(string what, TimeSpan wait)
    {
        int seconds = Seconds(wait);
        string when = seconds < 120 ? $"{seconds} seconds" : $"{(seconds + 59) / 60} minutes";
        return $"Too many {what} attempts. Wait {when} and try again.";
    }

    private static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
}
