using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// Classic and fine-grained personal access tokens. A fine-grained token (prefix <c>github_pat_</c>) has repository
/// permissions instead of scopes and GitHub sends no <c>X-OAuth-Scopes</c> for it; the simulator keeps its permissions
/// in the token's scope list as <c>name:read</c> / <c>name:write</c> (<c>webhooks:write</c>, <c>statuses:write</c>).
/// An empty list allows everything, the simulator's convention for personal tokens. Installation tokens (<c>ghs_</c>)
/// keep their installation's permissions the same way.
/// https://docs.github.com/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens
/// </summary>
internal static class GitHubTokens
{
    public const string FineGrainedPrefix = "github_pat_";

    /// <summary>GitHub's answer when a fine-grained token lacks the permission.</summary>
    public const string NotAccessible = "Resource not accessible by personal access token";

    /// <summary>An installation access token (a GitHub App acting on an installation) starts with this.</summary>
    public const string InstallationPrefix = "ghs_";

    /// <summary>GitHub's answer when an installation token lacks the permission.</summary>
    public const string NotAccessibleByIntegration = "Resource not accessible by integration";

    public static bool IsFineGrained(SimToken token) =>
        token.IsPersonal && token.Value.StartsWith(FineGrainedPrefix, StringComparison.Ordinal);

    public static bool IsInstallation(SimToken token) =>
        !token.IsPersonal && token.Value.StartsWith(InstallationPrefix, StringComparison.Ordinal);

    /// <summary>Fine-grained and installation tokens carry permissions (<c>name:level</c>) instead of scopes.</summary>
    public static bool HasPermissions(SimToken token) => IsFineGrained(token) || IsInstallation(token);

    /// <summary>The 403 message GitHub gives when such a token lacks a permission.</summary>
    public static string Refusal(SimToken token) => IsInstallation(token) ? NotAccessibleByIntegration : NotAccessible;

    /// <summary>
    /// Whether a fine-grained or installation token holds one of <paramref name="permissions"/> (write implies read);
    /// true for any other token. GitHub Apps call the Webhooks permission <c>repository_hooks</c>.
    /// </summary>
    public static bool Permits(SimToken token, bool write, params IReadOnlyList<string> permissions) =>
        !HasPermissions(token) || (token.Scopes.Count == 0 && !IsInstallation(token))
        || permissions.Select(p => IsInstallation(token) && p == "webhooks" ? "repository_hooks" : p)
            .Any(p => token.HasScope(p + ":write") || (!write && token.HasScope(p + ":read")));
}
