using System.Globalization;
using IntegrationHub.ProviderSim.Faults;
using IntegrationHub.ProviderSim.Http;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>GitHub Enterprise Server under <c>/github</c>: OAuth at <c>/login/oauth/*</c>, REST at <c>/api/v3</c>.</summary>
internal static class GitHubRoutes
{
    public static void MapGitHub(this IEndpointRouteBuilder app)
    {
        var root = app.MapGroup("/github");
        GitHubOAuthEndpoints.Map(root);
        GitHubGraphQlApi.Map(root);
        GitHubAppApi.Map(root.MapGroup("/api/v3/app"));
        GitHubAppControlApi.Map(app.MapGroup("/_sim/github"));
        GitHubInstallPage.Map(root);
        var api = root.MapGroup("/api/v3").AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var caller = ApiAuth.Resolve(http, GitHubProvider.Id, out _);
            if (caller is null) return GitHubResponses.Error(401, "Bad credentials");
            caller.Attach(http);
            if (GitHubInstallationApi.RefuseInstallationToken(http, caller) is { } notForApps) return notForApps;
            var refused = http.RequestServices.GetRequiredService<GitHubSecondaryLimits>().RefuseRest(http, caller.Token.Value);
            return refused ?? AddHeaders(http, caller) ?? await next(context);
        });
        GitHubReposApi.Map(api);
        GitHubHooksApi.Map(api);
        GitHubPollApi.Map(api);
        GitHubWritesApi.Map(api);
        GitHubInstallationApi.Map(api);
    }

    /// <summary>
    /// Scopes and the primary rate limit on every authenticated answer; the refusal when an enforced budget is spent
    /// (403, remaining 0, no Retry-After: wait for <c>X-RateLimit-Reset</c>).
    /// https://docs.github.com/apps/oauth-apps/building-oauth-apps/scopes-for-oauth-apps,
    /// https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit
    /// </summary>
    private static IResult? AddHeaders(HttpContext http, Caller caller)
    {
        var usage = http.RequestServices.GetRequiredService<ApiUsage>();
        var key = GitHubAccess.BudgetKey(http, caller);
        var budget = ApiBudget.Of(http, GitHubProvider.Id, key, 5000, TimeSpan.FromHours(1));
        // Fine-grained and installation tokens have permissions, not scopes: GitHub sends neither header for them.
        if (!GitHubTokens.HasPermissions(caller.Token))
        {
            http.Response.Headers["X-OAuth-Scopes"] = string.Join(", ", caller.Token.Scopes);
            http.Response.Headers["X-Accepted-OAuth-Scopes"] = "repo";
        }

        // A personal token with an expiry date says when on every answer (format as GitHub sends it).
        if (caller.Token is { IsPersonal: true, ExpiresAt: { } expires })
        {
            http.Response.Headers["GitHub-Authentication-Token-Expiration"] =
                expires.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        }

        http.Response.Headers["X-GitHub-Media-Type"] = "github.v3; format=json";
        http.Response.Headers["X-GitHub-Request-Id"] = Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();
        http.Response.OnStarting(() =>
        {
            // A refused call and a 304 do not spend the budget.
            var spend = !budget.Exhausted && http.Response.StatusCode != 304;
            var (used, reset) = usage.Count(GitHubProvider.Id, key, TimeSpan.FromHours(1), spend);
            var h = http.Response.Headers;
            h["X-RateLimit-Limit"] = budget.Limit.ToString(CultureInfo.InvariantCulture);
            h["X-RateLimit-Remaining"] = Math.Max(0, budget.Limit - used).ToString(CultureInfo.InvariantCulture);
            h["X-RateLimit-Used"] = used.ToString(CultureInfo.InvariantCulture);
            h["X-RateLimit-Reset"] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            h["X-RateLimit-Resource"] = "core";
            return Task.CompletedTask;
        });
        if (budget.Exhausted) http.RequestServices.GetRequiredService<LimitAnswers>().Record(GitHubProvider.Id, "primary");
        return budget.Exhausted
            ? GitHubResponses.Error(403, $"API rate limit exceeded for user ID {caller.User.Id.ToString(CultureInfo.InvariantCulture)}.")
            : null;
    }

    /// <summary>The repository if it exists and the caller can see it; GitHub answers 404 for both otherwise.</summary>
    public static SimRepo? Repo(HttpContext http, string owner, string name)
    {
        var store = http.RequestServices.GetRequiredService<SimStore>();
        var repo = store.FindRepo(GitHubProvider.Id, $"{owner}/{name}");
        return repo is not null && (!repo.Private || GitHubAccess.CanSee(http, Caller.Of(http), repo)) ? repo : null;
    }

    public static GitHubUrls Urls(HttpContext http) => new(RequestOrigin.Of(http));
}
