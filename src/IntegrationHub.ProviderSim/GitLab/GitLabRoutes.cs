using System.Globalization;
using IntegrationHub.ProviderSim.Faults;
using IntegrationHub.ProviderSim.Http;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitLab;

/// <summary>A self-managed GitLab under <c>/gitlab</c>: OAuth at <c>/oauth/*</c>, REST at <c>/api/v4</c>.</summary>
internal static class GitLabRoutes
{
    public static void MapGitLab(this IEndpointRouteBuilder app)
    {
        var root = app.MapGroup("/gitlab");
        GitLabOAuthEndpoints.Map(root);
        var api = root.MapGroup("/api/v4").AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var caller = ApiAuth.Resolve(http, GitLabProvider.Id, out var expired);
            if (caller is null)
            {
                // An expired OAuth token gets invalid_token so clients know to refresh. https://docs.gitlab.com/api/rest/troubleshooting/
                http.Response.Headers.WWWAuthenticate = expired
                    ? "Bearer realm=\"Doorkeeper\", error=\"invalid_token\", error_description=\"Token is expired. You can either do re-authorization or token refresh.\""
                    : "Bearer realm=\"Doorkeeper\"";
                return expired
                    ? GitLabResponses.Json(new System.Text.Json.Nodes.JsonObject
                    {
                        ["error"] = "invalid_token",
                        ["error_description"] = "Token is expired. You can either do re-authorization or token refresh.",
                    }, 401)
                    : GitLabResponses.Message(401, "401 Unauthorized");
            }

            caller.Attach(http);
            return Budget(http, caller) ?? await next(context);
        });
        GitLabProjectsApi.Map(api);
        GitLabTokensApi.Map(api);
        GitLabHooksApi.Map(api);
        GitLabPollApi.Map(api);
        GitLabWritesApi.Map(api);
    }

    /// <summary>
    /// The <c>RateLimit-*</c> headers on every answer, and once an enforced budget is spent GitLab's refusal: 429,
    /// <c>Retry-After</c>, "Retry later". https://docs.gitlab.com/administration/settings/user_and_ip_rate_limits/#response-headers
    /// </summary>
    private static IResult? Budget(HttpContext http, Caller caller)
    {
        var usage = http.RequestServices.GetRequiredService<ApiUsage>();
        var budget = ApiBudget.Of(http, GitLabProvider.Id, caller.Token.Value, 2000, TimeSpan.FromMinutes(1));
        http.Response.OnStarting(() =>
        {
            var (used, reset) = usage.Count(GitLabProvider.Id, caller.Token.Value, TimeSpan.FromMinutes(1), !budget.Exhausted);
            var h = http.Response.Headers;
            h["RateLimit-Limit"] = budget.Limit.ToString(CultureInfo.InvariantCulture);
            h["RateLimit-Observed"] = used.ToString(CultureInfo.InvariantCulture);
            h["RateLimit-Remaining"] = Math.Max(0, budget.Limit - used).ToString(CultureInfo.InvariantCulture);
            h["RateLimit-Reset"] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
        if (!budget.Exhausted) return null;
        http.Response.Headers["RateLimit-Name"] = "throttle_authenticated_api";
        http.Response.Headers["RateLimit-ResetTime"] = budget.Reset.ToString("R", CultureInfo.InvariantCulture);
        http.Response.Headers.RetryAfter = budget.SecondsToReset.ToString(CultureInfo.InvariantCulture);
        return Results.Text("Retry later\n", "text/plain", statusCode: 429);
    }

    /// <summary>A project by numeric id or URL-encoded path (<c>group%2Fproject</c>) that the caller can see.</summary>
    public static SimRepo? Project(HttpContext http, string id)
    {
        var store = http.RequestServices.GetRequiredService<SimStore>();
        var repo = long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var numeric)
            ? store.FindRepo(numeric)
            : store.FindRepo(GitLabProvider.Id, Uri.UnescapeDataString(id));
        return repo is not null && repo.Provider == GitLabProvider.Id && (!repo.Private || store.CanSee(Caller.Of(http).User, repo)) ? repo : null;
    }

    public static GitLabUrls Urls(HttpContext http) => new(RequestOrigin.Of(http));
}
