using System.Globalization;

namespace IntegrationHub.ProviderSim.GitLab;

/// <summary>GitLab webhook bodies write times as <c>2019-05-15 15:20:41 UTC</c>, unlike its REST API (ISO 8601).</summary>
internal static class GitLabHookTimes
{
    public static string GitLabHookTime(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
