using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// Classic and fine-grained personal access tokens. A fine-grained token (prefix <c>github_pat_</c>) has repository
/// permissions instead of scopes and GitHub sends no <c>X-OAuth-Scopes</c> for it; the simulator keeps its permissions
/// in the token's scope list as <c>name:read</c> / <c>name:write</c> (<c>webhooks:write</c>, <c>statuses:write</c>).
/// An empty list allows everything, the simulator's convention for personal tokens.
/// https://docs.github.com/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens
/// </summary>
internal static class GitHubTokens
{
    public const string FineGrainedPrefix = "github_pat_";

    /// <summary>GitHub's answer when a fine-grained token lacks the permission.</summary>
    public const string NotAccessible = "Resource not accessible by personal access token";

    public static bool IsFineGrained(SimToken token) =>
        token.IsPersonal && token.Value.StartsWith(FineGrainedPrefix, StringComparison.Ordinal);

    /// <summary>Whether a fine-grained token holds one of <paramref name="permissions"/> (write implies read); true for any other token.</summary>
    public static bool Permits(SimToken token, bool write, params IReadOnlyList<string> permissions) =>
        !IsFineGrained(token) || token.Scopes.Count == 0
        || permissions.Any(p => token.HasScope(p + ":write") || (!write && token.HasScope(p + ":read")));
}
