using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// JSON answers with GitHub's conditional-request behaviour: every GET carries an <c>ETag</c>, and a matching
/// <c>If-None-Match</c> gets 304 with no body. https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate
/// </summary>
internal static class GitHubResponses
{
    public static IResult Json(HttpContext context, JsonNode body, int status = 200)
    {
        var json = body.ToJsonString();
        if (status == 200 && HttpMethods.IsGet(context.Request.Method))
        {
            var etag = "W/\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..32] + "\"";
            context.Response.Headers.ETag = etag;
            context.Response.Headers.CacheControl = "private, max-age=60, s-maxage=60";
            context.Response.Headers.Vary = "Accept, Authorization, Cookie, X-GitHub-OTP";
            var inm = context.Request.Headers.IfNoneMatch.ToString();
            if (inm.Length > 0 && inm.Split(',').Any(t => t.Trim() == etag || t.Trim() == etag[2..] || t.Trim() == "*"))
            {
                return Results.StatusCode(304);
            }
        }

        return Results.Content(json, "application/json; charset=utf-8", Encoding.UTF8, status);
    }

    public static IResult Error(int status, string message) => Results.Content(
        new JsonObject
        {
            ["message"] = message,
            ["documentation_url"] = "https://docs.github.com/rest",
            ["status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.ToJsonString(), "application/json; charset=utf-8", Encoding.UTF8, status);

    public static IResult NotFound() => Error(404, "Not Found");

    /// <summary>
    /// One page of <paramref name="items"/> by <c>page</c>/<c>per_page</c> (default 30, max 100) with GitHub's
    /// <c>Link</c> header (next, last, first, prev); <paramref name="wrap"/> puts the page in an object for the
    /// endpoints that answer one (<c>{total_count, repositories}</c>).
    /// https://docs.github.com/rest/using-the-rest-api/using-pagination-in-the-rest-api
    /// </summary>
    public static IResult Paged<T>(HttpContext context, IReadOnlyList<T> items, Func<T, JsonNode> render, Func<JsonArray, JsonNode>? wrap = null)
    {
        var request = context.Request;
        var perPage = Http.QueryValues.Int(request, "per_page", 30, 1, 100);
        var page = Http.QueryValues.Int(request, "page", 1);
        var last = Math.Max(1, (items.Count + perPage - 1) / perPage);
        var slice = items.Skip((page - 1) * perPage).Take(perPage).Select(i => (JsonNode?)render(i)).ToArray();
        var links = new List<string>();
        string Link(int p, string rel) =>
            $"<{Http.RequestOrigin.WithQuery(request, new Dictionary<string, string?> { ["page"] = p.ToString(System.Globalization.CultureInfo.InvariantCulture), ["per_page"] = perPage.ToString(System.Globalization.CultureInfo.InvariantCulture) })}>; rel=\"{rel}\"";
        if (page > 1) links.Add(Link(page - 1, "prev"));
        if (page < last) links.Add(Link(page + 1, "next"));
        if (page < last) links.Add(Link(last, "last"));
        if (page > 1) links.Add(Link(1, "first"));
        if (links.Count > 0) context.Response.Headers["Link"] = string.Join(", ", links);
        var page1 = new JsonArray(slice);
        return Json(context, wrap is null ? page1 : wrap(page1));
    }
}
