using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Http;

namespace IntegrationHub.ProviderSim.BitbucketDataCenter;

/// <summary>
/// Paged answers with <c>size</c>, <c>limit</c>, <c>isLastPage</c>, <c>start</c>, <c>values</c> and
/// <c>nextPageStart</c> when more remain (default limit 25). https://developer.atlassian.com/server/bitbucket/rest/v906/intro/#paged-apis
/// </summary>
internal static class BitbucketDataCenterResponses
{
    public static IResult Json(JsonNode body, int status = 200) =>
        Results.Content(body.ToJsonString(), "application/json;charset=UTF-8", Encoding.UTF8, status);

    public static IResult Error(int status, string message, string? exception = null) => Json(new JsonObject
    {
        ["errors"] = new JsonArray(new JsonObject { ["context"] = null, ["message"] = message, ["exceptionName"] = exception }),
    }, status);

    public static IResult NotFound() => Error(404, "Repository does not exist.", "com.atlassian.bitbucket.repository.NoSuchRepositoryException");

    public static IResult Paged<T>(HttpContext c, IReadOnlyList<T> items, Func<T, JsonNode> render)
    {
        var limit = QueryValues.Int(c.Request, "limit", 25, 1, 1000);
        var start = QueryValues.Int(c.Request, "start", 0, 0);
        var page = items.Skip(start).Take(limit).Select(x => (JsonNode?)render(x)).ToArray();
        var last = start + page.Length >= items.Count;
        var body = new JsonObject
        {
            ["size"] = page.Length,
            ["limit"] = limit,
            ["isLastPage"] = last,
            ["values"] = new JsonArray(page),
            ["start"] = start,
        };
        if (!last) body["nextPageStart"] = start + page.Length;
        return Json(body);
    }
}
