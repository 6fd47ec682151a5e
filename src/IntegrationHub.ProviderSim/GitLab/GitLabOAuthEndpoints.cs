using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.OAuth;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitLab;

/// <summary>
/// GitLab's Doorkeeper OAuth server: 2-hour access tokens, single-use refresh tokens (a refresh revokes the old
/// pair), PKCE S256, RFC 7009 revoke. https://docs.gitlab.com/api/oauth2/
/// </summary>
internal static class GitLabOAuthEndpoints
{
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromHours(2);

    private static readonly AuthorizeRules Rules = new(GitLabProvider.Id, SupportsPkce: true, SubdirectoryRedirects: false,
        EnforceAppScopes: true, RedirectUriOptional: false, ScopeSeparators: [' ']);

    public static void Map(RouteGroupBuilder root)
    {
        root.MapMethods("/oauth/authorize", ["GET", "POST"], (Func<HttpContext, Task<IResult>>)(c => AuthorizeEndpoint.Handle(c, Rules)));
        root.MapPost("/oauth/token", Token);
        root.MapPost("/oauth/revoke", Revoke);
    }

    private static async Task<IResult> Token(HttpContext context, TokenStore tokens)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : FormCollection.Empty;
        var (id, secret) = ClientCredentials.Read(context.Request, form);
        var client = tokens.FindClient(GitLabProvider.Id, id);
        if (client is null || !ClientCredentials.SecretMatches(client, secret)) return OAuthErrors.InvalidClient();

        SimToken? token;
        switch (form["grant_type"].ToString())
        {
            case "authorization_code":
                var code = tokens.TakeCode(GitLabProvider.Id, form["code"], client.ClientId);
                if (code is null || code.RedirectUri != form["redirect_uri"].ToString()
                    || !Pkce.Verify(code.CodeChallenge, code.CodeChallengeMethod, form["code_verifier"]))
                {
                    return OAuthErrors.InvalidGrant();
                }

                token = tokens.Issue(GitLabProvider.Id, code.UserId, code.Scopes, client.ClientId, AccessTokenLifetime, withRefresh: true, "glo-");
                break;
            case "refresh_token":
                token = tokens.Refresh(GitLabProvider.Id, form["refresh_token"], client.ClientId, AccessTokenLifetime, singleUse: true, "glo-");
                if (token is null) return OAuthErrors.InvalidGrant();
                break;
            default:
                return OAuthErrors.UnsupportedGrantType();
        }

        return Results.Content(new JsonObject
        {
            ["access_token"] = token.Value,
            ["token_type"] = "Bearer",
            ["expires_in"] = (int)AccessTokenLifetime.TotalSeconds,
            ["refresh_token"] = token.RefreshToken,
            ["scope"] = string.Join(" ", token.Scopes),
            ["created_at"] = token.CreatedAt.ToUnixTimeSeconds(),
        }.ToJsonString(), "application/json; charset=utf-8");
    }

    /// <summary>RFC 7009: 200 with an empty object whether or not the token existed.</summary>
    private static async Task<IResult> Revoke(HttpContext context, TokenStore tokens)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : FormCollection.Empty;
        var (id, secret) = ClientCredentials.Read(context.Request, form);
        var client = tokens.FindClient(GitLabProvider.Id, id);
        if (client is null || !ClientCredentials.SecretMatches(client, secret)) return OAuthErrors.InvalidClient();
        var token = tokens.Find(form["token"]);
        if (token is null || token.ClientId == client.ClientId) tokens.Revoke(form["token"]);
        return Results.Content("{}", "application/json; charset=utf-8");
    }
}
