using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Http;

namespace IntegrationHub.ProviderSim.BitbucketCloud;

/// <summary>
/// Bitbucket Cloud answers: paged bodies with <c>pagelen</c>, <c>size</c>, <c>page</c>, <c>values</c> and a <c>next</c>
/// URL while more remain. https://developer.atlassian.com/cloud/bitbucket/rest/intro/#pagination
/// </summary>
internal static class BitbucketCloudResponses
{
    public static IResult Json(JsonNode body, int status = 200) =>
        Results.Content(body.ToJsonString(), "application/json; charset=utf-8", Encoding.UTF8, status);

    public static IResult Error(int status, string message) =>
        Json(new JsonObject { ["type"] = "error", ["error"] = new JsonObject { ["message"] = message } }, status);

    public static IResult NotFound() => Error(404, "Repository not found");

    public static IResult Paged<T>(HttpContext c, IReadOnlyList<T> items, Func<T, JsonNode> render)
    {
        var pagelen = QueryValues.Int(c.Request, "pagelen", 10, 1, 100);
        var page = QueryValues.Int(c.Request, "page", 1);
        var body = new JsonObject
        {
            ["pagelen"] = pagelen,
            ["size"] = items.Count,
            ["page"] = page,
            ["values"] = new JsonArray(items.Skip((page - 1) * pagelen).Take(pagelen).Select(x => (JsonNode?)render(x)).ToArray()),
        };
        string S(int v) => v.ToString(CultureInfo.InvariantCulture);
        if (page * pagelen < items.Count)
        {
            body["next"] = RequestOrigin.WithQuery(c.Request, new Dictionary<string, string?> { ["page"] = S(page + 1), ["pagelen"] = S(pagelen) });
        }

        if (page > 1)
        {
            body["previous"] = RequestOrigin.WithQuery(c.Request, new Dictionary<string, string?> { ["page"] = S(page - 1), ["pagelen"] = S(pagelen) });
        }

        return Json(body);
    }
}
