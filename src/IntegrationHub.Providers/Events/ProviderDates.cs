using System.Globalization;

namespace IntegrationHub.Providers.Events;

/// <summary>
/// Parses the date formats the providers mix, sometimes in one payload: ISO 8601 (GitHub, Azure with 7 fraction digits),
/// GitLab's <c>2015-05-17 18:21:36 UTC</c> and <c>2021-04-28 21:50:00 +0200</c>, and Bitbucket Data Center's
/// <c>2019-03-01T10:08:35+0100</c> (offset without colon).
/// </summary>
internal static class ProviderDates
{
    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        string s = text.Trim();
        if (s.EndsWith(" UTC", StringComparison.Ordinal))
        {
            s = string.Concat(s.AsSpan(0, s.Length - 4), "Z");
        }
        else if (s.Length > 5 && s[^5] is '+' or '-' && IsDigits(s.AsSpan(s.Length - 4)))
        {
            // "+0100" -> "+01:00"; a space before the offset is accepted by the parser.
            s = string.Concat(s.AsSpan(0, s.Length - 2), ":", s.AsSpan(s.Length - 2));
        }

        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset value)
            ? value
            : null;
    }

    private static bool IsDigits(ReadOnlySpan<char> span)
    {
        foreach (char c in span)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
