using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.OAuth;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.BitbucketCloud;

/// <summary>
/// Bitbucket Cloud OAuth consumers: 2-hour access tokens, refresh tokens that stay valid (the same one comes back),
/// scopes limited to those ticked on the consumer, no PKCE enforcement.
/// https://developer.atlassian.com/cloud/bitbucket/oauth-2/
/// </summary>
internal static class BitbucketCloudOAuthEndpoints
{
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromHours(2);

    private static readonly AuthorizeRules Rules = new(BitbucketCloudProvider.Id, SupportsPkce: false, SubdirectoryRedirects: false,
        EnforceAppScopes: true, RedirectUriOptional: true, ScopeSeparators: [' ']);

    public static void Map(RouteGroupBuilder root)
    {
        root.MapMethods("/site/oauth2/authorize", ["GET", "POST"], (Func<HttpContext, Task<IResult>>)(c => AuthorizeEndpoint.Handle(c, Rules)));
        root.MapPost("/site/oauth2/access_token", Token);
    }

    private static async Task<IResult> Token(HttpContext context, TokenStore tokens)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : FormCollection.Empty;
        var (id, secret) = ClientCredentials.Read(context.Request, form);
        var client = tokens.FindClient(BitbucketCloudProvider.Id, id);
        if (client is null || !ClientCredentials.SecretMatches(client, secret)) return OAuthErrors.InvalidClient();

        SimToken? token;
        var grant = form["grant_type"].ToString();
        switch (grant)
        {
            case "authorization_code":
                var code = tokens.TakeCode(BitbucketCloudProvider.Id, form["code"], client.ClientId);
                if (code is null || (code.RedirectUri is not null && code.RedirectUri != form["redirect_uri"].ToString()))
                {
                    return OAuthErrors.InvalidGrant();
                }

                token = tokens.Issue(BitbucketCloudProvider.Id, code.UserId, code.Scopes, client.ClientId, AccessTokenLifetime, withRefresh: true, "bbo-");
                break;
            case "refresh_token":
                token = tokens.Refresh(BitbucketCloudProvider.Id, form["refresh_token"], client.ClientId, AccessTokenLifetime, singleUse: false, "bbo-");
                if (token is null) return OAuthErrors.InvalidGrant();
                break;
            default:
                return OAuthErrors.UnsupportedGrantType();
        }

        return Results.Content(new JsonObject
        {
            ["access_token"] = token.Value,
            ["scopes"] = string.Join(" ", token.Scopes),
            ["expires_in"] = (int)AccessTokenLifetime.TotalSeconds,
            ["refresh_token"] = token.RefreshToken,
            ["token_type"] = "bearer",
            ["state"] = grant,
        }.ToJsonString(), "application/json; charset=utf-8");
    }
}
