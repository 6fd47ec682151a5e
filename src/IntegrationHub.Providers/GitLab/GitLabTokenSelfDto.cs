using System.Globalization;

namespace IntegrationHub.Providers.GitLab;

/// <summary><c>GET /personal_access_tokens/self</c>. https://docs.gitlab.com/api/personal_access_tokens/</summary>
internal sealed class GitLabTokenSelfDto
{
    public List<string> Scopes { get; init; } = [];

    /// <summary>A date (<c>2027-01-31</c>): GitLab expires the token on that date at midnight (00:00) UTC.</summary>
    public string? ExpiresAt { get; init; }

    /// <summary>False for a revoked or expired token (which GitLab normally refuses with 401 before answering).</summary>
    public bool Active { get; init; } = true;

    public DateTimeOffset? ExpiresAtUtc()
    {
        if (string.IsNullOrEmpty(ExpiresAt))
        {
            return null;
        }

        if (DateOnly.TryParseExact(ExpiresAt, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day))
        {
            return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        return DateTimeOffset.TryParse(ExpiresAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset at) ? at : null;
    }
}
