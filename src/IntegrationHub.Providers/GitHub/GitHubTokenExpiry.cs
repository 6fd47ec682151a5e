using System.Globalization;
using System.Net.Http.Headers;

namespace IntegrationHub.Providers.GitHub;

/// <summary>
/// <c>GitHub-Authentication-Token-Expiration</c>, sent on API answers to a token that has an expiry date, as
/// <c>2021-10-07 19:07:53 UTC</c> (the format is seen in GitHub's changelog and in clients such as go-github; the
/// REST reference does not spell it out, so anything else is read as "not said").
/// </summary>
internal static class GitHubTokenExpiry
{
    public const string Header = "GitHub-Authentication-Token-Expiration";

    public static DateTimeOffset? Read(HttpResponseHeaders headers)
    {
        if (!headers.TryGetValues(Header, out IEnumerable<string>? values))
        {
            return null;
        }

        string text = values.FirstOrDefault()?.Trim() ?? "";
        if (text.EndsWith(" UTC", StringComparison.Ordinal))
        {
            text = text[..^4] + " +00:00";
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset at)
            ? at.ToUniversalTime()
            : null;
    }
}
