using System.Collections.Concurrent;
using IntegrationHub.ProviderSim.Faults;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// GitHub's secondary rate limits per token, enforced only with <see cref="SimulatorOptions.EnforceSecondaryLimits"/>:
/// 100 concurrent requests (REST and GraphQL together), 900 points a minute per REST endpoint (GET/HEAD/OPTIONS 1 point,
/// other methods 5), 2,000 GraphQL points a minute (a query without mutations is 1 point, apart from its primary cost),
/// and 80 content-creating requests a minute and 500 an hour. Refused with 403, a <c>Retry-After</c> and GitHub's
/// "secondary rate limit" message (GitHub may also use 429; the hub must take both).
/// https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits
/// Windows are whole clock minutes and hours of the simulator's clock (GitHub does not document its windows), and
/// Retry-After is the time to the window's end; a refused call spends nothing.
/// </summary>
internal sealed class GitHubSecondaryLimits(SimulatorOptions options, ApiUsage usage, LimitAnswers answers, SimStore store)
{
    public const int MaxConcurrent = 100;
    public const int RestPointsPerMinute = 900;
    public const int GraphQlPointsPerMinute = 2000;
    public const int CreatesPerMinute = 80;
    public const int CreatesPerHour = 500;

    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly string[] CreatingRoutes = ["/hooks", "/comments", "/statuses/{sha}", "/git/refs"];
    private readonly ConcurrentDictionary<string, int> _inFlight = new(StringComparer.Ordinal);

    /// <summary>Counts the request among its token's concurrent ones for as long as it runs (latency faults included).</summary>
    public async Task Guard(HttpContext http, RequestDelegate next)
    {
        var token = options.EnforceSecondaryLimits && http.Request.Path.StartsWithSegments("/github/api")
            ? Http.ApiAuth.ReadToken(http.Request) : null;
        if (token is null)
        {
            await next(http);
            return;
        }

        if (_inFlight.AddOrUpdate(token, 1, (_, n) => n + 1) > MaxConcurrent)
        {
            _inFlight.AddOrUpdate(token, 0, (_, n) => n - 1);
            // Concurrent requests end within moments; GitHub gives no figure, so the simulator asks for one second.
            await Refuse("concurrent", 1).ExecuteAsync(http);
            return;
        }

        try
        {
            await next(http);
        }
        finally
        {
            _inFlight.AddOrUpdate(token, 0, (_, n) => n - 1);
        }
    }

    /// <summary>A REST call's endpoint points and, for a POST that creates content, the content-creation limits.</summary>
    public IResult? RefuseRest(HttpContext http, string token)
    {
        if (!options.EnforceSecondaryLimits) return null;
        var method = http.Request.Method;
        var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value ?? "";
        var cheap = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);
        var endpointKey = $"secondary rest {method} {route} {token}";
        if (!usage.TrySpend(GitHubProvider.Id, endpointKey, Minute, cheap ? 1 : 5, RestPointsPerMinute, out var reset))
        {
            return Refuse("endpoint-points", RetryAfter(reset));
        }

        if (!HttpMethods.IsPost(method) || !CreatingRoutes.Any(r => route.EndsWith(r, StringComparison.Ordinal))) return null;
        if (!usage.TrySpend(GitHubProvider.Id, "secondary create-minute " + token, Minute, 1, CreatesPerMinute, out reset))
        {
            usage.Count(GitHubProvider.Id, endpointKey, Minute, cheap ? -1 : -5);
            return Refuse("content-creation", RetryAfter(reset));
        }

        if (!usage.TrySpend(GitHubProvider.Id, "secondary create-hour " + token, Hour, 1, CreatesPerHour, out reset))
        {
            usage.Count(GitHubProvider.Id, endpointKey, Minute, cheap ? -1 : -5);
            usage.Count(GitHubProvider.Id, "secondary create-minute " + token, Minute, -1);
            return Refuse("content-creation", RetryAfter(reset));
        }

        return null;
    }

    /// <summary>A GraphQL query is one secondary point (the simulator serves no mutations, which would be five).</summary>
    public IResult? RefuseGraphQl(HttpContext http, string token) =>
        !options.EnforceSecondaryLimits || usage.TrySpend(GitHubProvider.Id, "secondary graphql " + token, Minute, 1, GraphQlPointsPerMinute, out var reset)
            ? null
            : Refuse("graphql-points", RetryAfter(reset));

    private int RetryAfter(DateTimeOffset reset) => Math.Max(1, (int)Math.Ceiling((reset - store.Now).TotalSeconds));

    private IResult Refuse(string kind, int retryAfter)
    {
        answers.Record(GitHubProvider.Id, "secondary-" + kind);
        return new GitHubSecondaryLimitAnswer(retryAfter);
    }
}
