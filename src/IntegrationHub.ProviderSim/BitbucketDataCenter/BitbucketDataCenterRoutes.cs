using System.Globalization;
using IntegrationHub.ProviderSim.Http;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.BitbucketDataCenter;

/// <summary>
/// Bitbucket Data Center under <c>/bitbucket-dc</c>: PAT (HTTP access token) auth as Bearer or Basic; every answer
/// names the user in <c>X-AUSERNAME</c>, and <c>/plugins/servlet/applinks/whoami</c> returns it as text.
/// https://confluence.atlassian.com/bitbucketserver/http-access-tokens-939515499.html
/// </summary>
internal static class BitbucketDataCenterRoutes
{
    public static void MapBitbucketDataCenter(this IEndpointRouteBuilder app)
    {
        var root = app.MapGroup("/bitbucket-dc");
        var authed = root.MapGroup("").AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var caller = ApiAuth.Resolve(http, BitbucketDataCenterProvider.Id, out _);
            if (caller is null)
            {
                return BitbucketDataCenterResponses.Error(401, "Authentication failed. Please check your credentials and try again.",
                    "com.atlassian.bitbucket.auth.IncorrectPasswordAuthenticationException");
            }

            caller.Attach(http);
            http.Response.Headers["X-AUSERNAME"] = caller.User.Login;
            http.Response.Headers["X-AUSERID"] = caller.User.Id.ToString(CultureInfo.InvariantCulture);
            return await next(context);
        });
        authed.MapGet("/plugins/servlet/applinks/whoami", (HttpContext c) => Results.Text(Caller.Of(c).User.Login));
        var api = authed.MapGroup("/rest/api/1.0");
        BitbucketDataCenterApi.Map(api);
        BitbucketDataCenterPollApi.Map(api);
        BitbucketDataCenterActivityApi.Map(api);
        BitbucketDataCenterWritesApi.Map(api, authed);
    }

    public static SimRepo? Repo(HttpContext http, string project, string slug)
    {
        var store = http.RequestServices.GetRequiredService<SimStore>();
        var repo = store.FindRepo(BitbucketDataCenterProvider.Id, $"{project}/{slug}");
        return repo is not null && (!repo.Private || store.CanSee(Caller.Of(http).User, repo)) ? repo : null;
    }

    public static BitbucketDataCenterUrls Urls(HttpContext http) => new(RequestOrigin.Of(http));
}
