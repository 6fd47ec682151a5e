using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Http;

namespace IntegrationHub.ProviderSim.AzureDevOps;

/// <summary>
/// <c>{"count": n, "value": [...]}</c> bodies; long lists page with <c>$top</c> and a continuation token returned in
/// the <c>x-ms-continuationtoken</c> header and sent back as <c>continuationToken</c>.
/// https://learn.microsoft.com/rest/api/azure/devops/core/projects/list
/// </summary>
internal static class AzureDevOpsResponses
{
    public static IResult Json(JsonNode body, int status = 200) =>
        Results.Content(body.ToJsonString(), "application/json; charset=utf-8; api-version=7.1", Encoding.UTF8, status);

    public static IResult Error(int status, string message, string typeKey) => Json(new JsonObject
    {
        ["$id"] = "1", ["innerException"] = null, ["message"] = message, ["typeName"] = typeKey, ["typeKey"] = typeKey, ["errorCode"] = 0, ["eventId"] = 3000,
    }, status);

    public static IResult NotFound(string what) => Error(404, $"TF401019: The {what} does not exist or you do not have permissions for the operation you are attempting.", "GitRepositoryNotFoundException");

    public static IResult List<T>(HttpContext c, IReadOnlyList<T> items, Func<T, JsonNode> render)
    {
        var top = QueryValues.Int(c.Request, "$top", 100, 1, 1000);
        var start = int.TryParse(QueryValues.Str(c.Request, "continuationToken"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        start += QueryValues.Int(c.Request, "$skip", 0, 0);
        var page = items.Skip(start).Take(top).Select(x => (JsonNode?)render(x)).ToArray();
        if (start + page.Length < items.Count)
        {
            c.Response.Headers["x-ms-continuationtoken"] = (start + page.Length).ToString(CultureInfo.InvariantCulture);
        }

        return Json(new JsonObject { ["count"] = page.Length, ["value"] = new JsonArray(page) });
    }
}
