using IntegrationHub.ProviderSim.Http;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.BitbucketCloud;

/// <summary>Bitbucket Cloud under <c>/bitbucket</c>: OAuth at <c>/site/oauth2/*</c>, REST at <c>/2.0</c>.</summary>
internal static class BitbucketCloudRoutes
{
    public static void MapBitbucketCloud(this IEndpointRouteBuilder app)
    {
        var root = app.MapGroup("/bitbucket");
        BitbucketCloudOAuthEndpoints.Map(root);
        var api = root.MapGroup("/2.0").AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var caller = ApiAuth.Resolve(http, BitbucketCloudProvider.Id, out var expired);
            if (caller is null)
            {
                return BitbucketCloudResponses.Error(401, expired
                    ? "Access token expired. Use your refresh token to obtain a new access token."
                    : "Token is invalid, expired, or not supported for this endpoint.");
            }

            caller.Attach(http);
            // https://developer.atlassian.com/cloud/bitbucket/rest/intro/#scopes
            http.Response.Headers["X-OAuth-Scopes"] = string.Join(", ", caller.Token.Scopes);
            http.Response.Headers["X-Accepted-OAuth-Scopes"] = "repository";
            return await next(context);
        });
        BitbucketCloudApi.Map(api);
        BitbucketCloudPollApi.Map(api);
        BitbucketCloudWritesApi.Map(api);
    }

    public static SimRepo? Repo(HttpContext http, string workspace, string slug)
    {
        var store = http.RequestServices.GetRequiredService<SimStore>();
        var repo = store.FindRepo(BitbucketCloudProvider.Id, $"{workspace}/{slug}");
        return repo is not null && (!repo.Private || store.CanSee(Caller.Of(http).User, repo)) ? repo : null;
    }

    public static BitbucketCloudUrls Urls(HttpContext http) => new(RequestOrigin.Of(http));
}
