using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// User-to-server tokens of a GitHub App (the code exchange and refresh at <c>/login/oauth/access_token</c> with the
/// app's client id): <c>ghu_</c> for 8 hours with a single-use <c>ghr_</c> refresh token good for 6 months.
/// https://docs.github.com/apps/creating-github-apps/authenticating-with-a-github-app/refreshing-user-access-tokens
/// </summary>
internal static class GitHubAppUserTokens
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);
    public static readonly TimeSpan RefreshLifetime = TimeSpan.FromDays(184);

    public static bool IsAppClient(HttpContext http, string clientId) =>
        http.RequestServices.GetRequiredService<GitHubAppStore>().FindByClientId(clientId) is not null;

    public static SimToken Issue(TokenStore tokens, AuthCode code, string clientId) =>
        tokens.Issue(GitHubProvider.Id, code.UserId, [], clientId, Lifetime, withRefresh: true, "ghu_", "ghr_");

    /// <summary>A fresh pair for a refresh token; null when it is unknown or was used already.</summary>
    public static SimToken? Refresh(TokenStore tokens, string? refreshToken, string clientId) =>
        tokens.Refresh(GitHubProvider.Id, refreshToken, clientId, Lifetime, singleUse: true, "ghu_", "ghr_");

    public static JsonObject Answer(SimToken token) => new()
    {
        ["access_token"] = token.Value,
        ["expires_in"] = (int)Lifetime.TotalSeconds,
        ["refresh_token"] = token.RefreshToken,
        ["refresh_token_expires_in"] = (int)RefreshLifetime.TotalSeconds,
        ["scope"] = "",
        ["token_type"] = "bearer",
    };
}
