using System.Globalization;
using System.Net.Http.Headers;

namespace IntegrationHub.Providers.Api;

/// <summary>The provider's rate-limit state as of one response, so callers can budget before they hit the wall.</summary>
/// <param name="Limit">Requests allowed in the window, when sent.</param>
/// <param name="Remaining">Requests left in the window, when sent.</param>
/// <param name="ResetAt">When the window resets, when sent.</param>
/// <param name="ObservedAt">When the response was read (from the client's <see cref="TimeProvider"/>).</param>
public sealed record RateLimitSnapshot(int? Limit, int? Remaining, DateTimeOffset? ResetAt, DateTimeOffset ObservedAt)
{
    public bool IsExhausted => Remaining is <= 0;

    /// <summary>Reads the provider's headers; null when the response carries none of them.</summary>
    public static RateLimitSnapshot? Parse(HttpResponseHeaders headers, RateLimitHeaderNames names, DateTimeOffset now)
    {
        int? limit = ReadInt(headers, names.Limit);
        int? remaining = ReadInt(headers, names.Remaining);
        long? reset = ReadLong(headers, names.Reset);
        if (limit is null && remaining is null && reset is null)
        {
            return null;
        }

        return new RateLimitSnapshot(limit, remaining, reset is { } r ? FromResetValue(r, now) : null, now);
    }

    /// <summary>
    /// Reset headers are epoch seconds at GitHub, GitLab and Azure. A small value can only be a delta in seconds
    /// (some proxies and older servers send one), so treat anything before 2001 as "seconds from now".
    /// </summary>
    private static DateTimeOffset FromResetValue(long value, DateTimeOffset now) =>
        value < 1_000_000_000 ? now.AddSeconds(value) : DateTimeOffset.FromUnixTimeSeconds(value);

    internal static int? ReadInt(HttpResponseHeaders headers, string name) =>
        ReadLong(headers, name) is { } v ? (int)Math.Clamp(v, int.MinValue, int.MaxValue) : null;

    internal static long? ReadLong(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out IEnumerable<string>? values)
        && long.TryParse(values.FirstOrDefault()?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long v)
            ? v
            : null;
}
