using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Http;
using IntegrationHub.ProviderSim.OAuth;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// GitHub's OAuth app flow. Tokens do not expire and come without refresh tokens; a GitHub App's client id gets
/// expiring user-to-server tokens instead (<see cref="GitHubAppUserTokens"/>). Errors from the token endpoint
/// come with HTTP 200 and an <c>error</c> field, as GitHub sends them.
/// https://docs.github.com/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps,
/// https://docs.github.com/apps/oauth-apps/maintaining-oauth-apps/troubleshooting-oauth-app-access-token-request-errors
/// </summary>
internal static class GitHubOAuthEndpoints
{
    private static readonly AuthorizeRules Rules = new(GitHubProvider.Id, SupportsPkce: true, SubdirectoryRedirects: true,
        EnforceAppScopes: false, RedirectUriOptional: true, ScopeSeparators: [' ', ','])
    {
        MismatchRedirectsToCallback = true, ResponseTypeOptional = true, ScopesEditableByUser = true,
    };

    public static void Map(RouteGroupBuilder root)
    {
        root.MapMethods("/login/oauth/authorize", ["GET", "POST"], (Func<HttpContext, Task<IResult>>)(c => AuthorizeEndpoint.Handle(c, Rules)));
        root.MapPost("/login/oauth/access_token", AccessToken);
        root.MapDelete("/api/v3/applications/{clientId}/token", Revoke);
    }

    private static async Task<IResult> AccessToken(HttpContext context, TokenStore tokens)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : FormCollection.Empty;
        var (id, secret) = ClientCredentials.Read(context.Request, form);
        var client = tokens.FindClient(GitHubProvider.Id, id);
        if (client is null || !ClientCredentials.SecretMatches(client, secret))
        {
            return Answer(context, Error("incorrect_client_credentials", "The client_id and/or client_secret passed are incorrect."));
        }

        var app = GitHubAppUserTokens.IsAppClient(context, client.ClientId);
        if (app && form["grant_type"] == "refresh_token")
        {
            return GitHubAppUserTokens.Refresh(tokens, form["refresh_token"], client.ClientId) is { } refreshed
                ? Answer(context, GitHubAppUserTokens.Answer(refreshed))
                : Answer(context, Error("bad_refresh_token", "The refresh token passed is incorrect or expired."));
        }

        var redirect = form["redirect_uri"].ToString();
        var code = tokens.TakeCode(GitHubProvider.Id, form["code"], client.ClientId);
        if (code is null)
        {
            return Answer(context, Error("bad_verification_code", "The code passed is incorrect or expired."));
        }

        if (code.RedirectUri is not null && redirect.Length > 0 && redirect != code.RedirectUri)
        {
            return Answer(context, Error("redirect_uri_mismatch", "The redirect_uri MUST match the registered callback URL for this application."));
        }

        // GitHub takes only S256 ("Only the S256 code challenge method is accepted":
        // https://github.blog/changelog/2025-07-14-pkce-support-for-oauth-and-github-app-authentication), so a code asked
        // for with "plain" (or with no method, which RFC 7636 reads as plain) never turns into a token.
        var plain = code.CodeChallenge is not null && !string.Equals(code.CodeChallengeMethod, "S256", StringComparison.Ordinal);
        if (plain || !Pkce.Verify(code.CodeChallenge, code.CodeChallengeMethod, form["code_verifier"]))
        {
            return Answer(context, Error("invalid_grant", "The code_verifier does not match the code_challenge supplied in the authorization request."));
        }

        if (app) return Answer(context, GitHubAppUserTokens.Answer(GitHubAppUserTokens.Issue(tokens, code, client.ClientId)));
        var token = tokens.Issue(GitHubProvider.Id, code.UserId, code.Scopes, client.ClientId, lifetime: null, withRefresh: false, "gho_");
        return Answer(context, new JsonObject
        {
            ["access_token"] = token.Value,
            ["token_type"] = "bearer",
            ["scope"] = string.Join(",", token.Scopes),
        });
    }

    /// <summary>
    /// <c>DELETE /applications/{client_id}/token</c> with Basic client credentials and <c>{"access_token": ...}</c>.
    /// https://docs.github.com/rest/apps/oauth-applications#delete-an-app-token
    /// </summary>
    private static async Task<IResult> Revoke(HttpContext context, string clientId, TokenStore tokens)
    {
        var header = context.Request.Headers.Authorization.ToString();
        string? secret = null;
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
                if (decoded.StartsWith(clientId + ":", StringComparison.Ordinal)) secret = decoded[(clientId.Length + 1)..];
            }
            catch (FormatException)
            {
            }
        }

        var client = tokens.FindClient(GitHubProvider.Id, clientId);
        if (client is null || !ClientCredentials.SecretMatches(client, secret)) return GitHubResponses.NotFound();
        var body = await Json.ReadObject(context.Request, context.RequestAborted);
        var token = tokens.Find(Json.Str(body, "access_token"));
        if (token is null || token.ClientId != clientId || token.Revoked)
        {
            return GitHubResponses.Error(422, "Validation Failed");
        }

        tokens.Revoke(token.Value);
        return Results.NoContent();
    }

    private static JsonObject Error(string error, string description) => new()
    {
        ["error"] = error,
        ["error_description"] = description,
        ["error_uri"] = "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#" + error.Replace('_', '-'),
    };

    /// <summary>JSON when asked with <c>Accept: application/json</c>, else form-encoded: GitHub's default.</summary>
    private static IResult Answer(HttpContext context, JsonObject body)
    {
        if (context.Request.Headers.Accept.ToString().Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Content(body.ToJsonString(), "application/json; charset=utf-8");
        }

        var form = string.Join("&", body.Select(kv => kv.Key + "=" + Uri.EscapeDataString(kv.Value?.ToString() ?? "")));
        return Results.Content(form, "application/x-www-form-urlencoded; charset=utf-8");
    }
}
