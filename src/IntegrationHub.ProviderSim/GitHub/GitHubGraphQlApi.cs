using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Faults;
using IntegrationHub.ProviderSim.Http;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// <c>POST /github/api/graphql</c>: GitHub Enterprise Server's <c>/api/graphql</c> (github.com: <c>api.github.com/graphql</c>),
/// serving the change probe's subset (<see cref="GitHubGraphQlSchema"/>). Query errors are HTTP 200 with <c>errors</c>, as
/// GitHub answers them; a body that is not JSON is 400. The primary budget is points per hour per token, kept apart
/// from REST's (<c>X-RateLimit-Resource: graphql</c>), reported at 5,000 and enforced only with the <c>apiBudget</c> fault,
/// as REST's is; when spent GitHub still answers 200, with a RATE_LIMITED error and remaining 0.
/// https://docs.github.com/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api
/// </summary>
internal static class GitHubGraphQlApi
{
    private const string Docs = "https://docs.github.com/graphql";
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    public static void Map(RouteGroupBuilder github) => github.MapPost("/api/graphql", Handle);

    /// <summary>The key of a token's GraphQL points in <see cref="ApiUsage"/>, apart from its REST calls.</summary>
    public static string BudgetKey(string token) => "graphql " + token;

    private static async Task<IResult> Handle(HttpContext http, SimStore store, ApiUsage usage, FaultRegistry faults, GitHubSecondaryLimits secondary,
        LimitAnswers limitAnswers)
    {
        if (ApiAuth.ReadToken(http.Request) is null)
        {
            return Message(401, "This endpoint requires you to be authenticated.");
        }

        if (ApiAuth.Resolve(http, GitHubProvider.Id, out _) is not { } caller) return Message(401, "Bad credentials");
        caller.Attach(http);
        if (GitHubInstallationApi.RefuseInstallationToken(http, caller) is { } suspended) return suspended;
        if (secondary.RefuseGraphQl(http, caller.Token.Value) is { } refused) return refused;

        http.Response.Headers["X-GitHub-Media-Type"] = "github.v4; format=json";
        http.Response.Headers["X-GitHub-Request-Id"] = Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();
        if (!GitHubTokens.HasPermissions(caller.Token)) http.Response.Headers["X-OAuth-Scopes"] = string.Join(", ", caller.Token.Scopes);

        var budget = faults.Get(GitHubProvider.Id).ApiBudget;
        var limit = budget ?? 5000;
        var key = BudgetKey(caller.Token.Value);
        var (used, reset) = usage.Count(GitHubProvider.Id, key, Hour, 0);
        void Headers(int spent)
        {
            var h = http.Response.Headers;
            h["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
            h["X-RateLimit-Remaining"] = Math.Max(0, limit - spent).ToString(CultureInfo.InvariantCulture);
            h["X-RateLimit-Used"] = spent.ToString(CultureInfo.InvariantCulture);
            h["X-RateLimit-Reset"] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            h["X-RateLimit-Resource"] = "graphql";
        }

        Headers(used);
        JsonObject body;
        try
        {
            body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject
                ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            return Message(400, "Problems parsing JSON");
        }

        if (body["query"] is not JsonValue q || !q.TryGetValue<string>(out var query))
        {
            return Message(400, "Problems parsing JSON");
        }

        IReadOnlyList<GitHubGraphQlField> fields;
        GitHubGraphQlPlan plan;
        try
        {
            fields = GitHubGraphQlParser.Parse(query, body["variables"] as JsonObject);
            plan = GitHubGraphQlPlan.Of(fields);
        }
        catch (GitHubGraphQlException e)
        {
            var error = new JsonObject();
            if (e.Type is not null) error["type"] = e.Type;
            error["locations"] = new JsonArray(new JsonObject { ["line"] = e.Line, ["column"] = e.Column });
            error["message"] = e.Message;
            return Answer(null, [error]);
        }

        if (plan.Errors.Count > 0) return Answer(null, plan.Errors);

        // Spent only when the whole query fits what is left (GitHub refuses a query it cannot pay for in full).
        if (budget is not null && !usage.TrySpend(GitHubProvider.Id, key, Hour, plan.Cost, limit, out reset))
        {
            Headers(Math.Max(used, limit));
            limitAnswers.Record(GitHubProvider.Id, "graphql-primary");
            return Answer(null, [new JsonObject
            {
                ["type"] = "RATE_LIMITED",
                ["message"] = $"API rate limit exceeded for user ID {caller.User.Id.ToString(CultureInfo.InvariantCulture)}.",
            }]);
        }

        if (budget is null) (used, reset) = usage.Count(GitHubProvider.Id, key, Hour, plan.Cost);
        else (used, reset) = usage.Count(GitHubProvider.Id, key, Hour, 0);
        Headers(used);
        var rateLimit = new JsonObject
        {
            ["cost"] = plan.Cost,
            ["limit"] = limit,
            ["remaining"] = Math.Max(0, limit - used),
            ["used"] = used,
            ["resetAt"] = Json.Iso(reset),
            ["nodeCount"] = plan.NodeCount,
        };
        lock (store.Gate)
        {
            var resolver = new GitHubGraphQlResolver(store, r => GitHubAccess.CanSee(http, caller, r), rateLimit);
            var data = resolver.Query(fields);
            return Answer(data, resolver.Errors);
        }
    }

    private static IResult Answer(JsonObject? data, IReadOnlyList<JsonObject> errors)
    {
        var o = new JsonObject();
        if (data is not null || errors.Count == 0) o["data"] = data;
        if (errors.Count > 0) o["errors"] = new JsonArray(errors.Select(e => (JsonNode?)e.DeepClone()).ToArray());
        return Results.Content(o.ToJsonString(), "application/json; charset=utf-8", Encoding.UTF8, 200);
    }

    private static IResult Message(int status, string message) => Results.Content(
        new JsonObject { ["message"] = message, ["documentation_url"] = Docs }.ToJsonString(),
        "application/json; charset=utf-8", Encoding.UTF8, status);
}
