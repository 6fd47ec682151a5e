using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Http;

namespace IntegrationHub.ProviderSim.GitLab;

/// <summary>
/// GitLab answers and pagination: offset (<c>X-Page</c>, <c>X-Next-Page</c>, <c>X-Total</c>, <c>Link</c>) or keyset
/// (<c>pagination=keyset</c>, <c>Link</c> rel=next only). https://docs.gitlab.com/api/rest/#pagination
/// </summary>
internal static class GitLabResponses
{
    public static IResult Json(JsonNode body, int status = 200) =>
        Results.Content(body.ToJsonString(), "application/json", Encoding.UTF8, status);

    public static IResult Message(int status, string message) => Json(new JsonObject { ["message"] = message }, status);

    /// <summary>
    /// GitLab's 403 for a token whose scopes do not cover the call (a <c>read_api</c> token writing).
    /// https://docs.gitlab.com/api/rest/troubleshooting/#status-codes
    /// </summary>
    public static IResult InsufficientScope(HttpContext c, string scope)
    {
        c.Response.Headers.WWWAuthenticate =
            $"Bearer realm=\"Doorkeeper\", error=\"insufficient_scope\", error_description=\"The request requires higher privileges than provided by the access token.\", scope=\"{scope}\"";
        return Json(new JsonObject
        {
            ["error"] = "insufficient_scope",
            ["error_description"] = "The request requires higher privileges than provided by the access token.",
            ["scope"] = scope,
        }, 403);
    }

    public static IResult NotFound(string what = "Project") => Message(404, $"404 {what} Not Found");

    public static IResult Paged<T>(HttpContext c, IReadOnlyList<T> items, Func<T, JsonNode> render, Func<T, long>? id = null)
    {
        var request = c.Request;
        var perPage = QueryValues.Int(request, "per_page", 20, 1, 100);
        var headers = c.Response.Headers;
        string Url(IDictionary<string, string?> replace) => RequestOrigin.WithQuery(request, replace);
        string S(long v) => v.ToString(CultureInfo.InvariantCulture);

        if (id is not null && QueryValues.Str(request, "pagination") == "keyset")
        {
            var desc = QueryValues.Str(request, "sort") == "desc";
            var after = long.TryParse(QueryValues.Str(request, "id_after"), out var a) ? a : (long?)null;
            var before = long.TryParse(QueryValues.Str(request, "id_before"), out var b) ? b : (long?)null;
            var ordered = desc ? items.OrderByDescending(id) : items.OrderBy(id);
            var page = ordered.Where(x => (after is null || id(x) > after) && (before is null || id(x) < before)).Take(perPage + 1).ToArray();
            if (page.Length > perPage)
            {
                var last = id(page[perPage - 1]);
                var next = desc ? Url(new Dictionary<string, string?> { ["id_before"] = S(last), ["id_after"] = null })
                    : Url(new Dictionary<string, string?> { ["id_after"] = S(last), ["id_before"] = null });
                headers["Link"] = $"<{next}>; rel=\"next\"";
            }

            return Json(new JsonArray(page.Take(perPage).Select(x => (JsonNode?)render(x)).ToArray()));
        }

        var pageNo = QueryValues.Int(request, "page", 1);
        var total = items.Count;
        var totalPages = Math.Max(1, (total + perPage - 1) / perPage);
        headers["X-Page"] = S(pageNo);
        headers["X-Per-Page"] = S(perPage);
        headers["X-Total"] = S(total);
        headers["X-Total-Pages"] = S(totalPages);
        headers["X-Next-Page"] = pageNo < totalPages ? S(pageNo + 1) : "";
        headers["X-Prev-Page"] = pageNo > 1 ? S(pageNo - 1) : "";
        var links = new List<string>();
        string Link(int p, string rel) => $"<{Url(new Dictionary<string, string?> { ["page"] = S(p), ["per_page"] = S(perPage) })}>; rel=\"{rel}\"";
        if (pageNo > 1) links.Add(Link(pageNo - 1, "prev"));
        if (pageNo < totalPages) links.Add(Link(pageNo + 1, "next"));
        links.Add(Link(1, "first"));
        links.Add(Link(totalPages, "last"));
        headers["Link"] = string.Join(", ", links);
        return Json(new JsonArray(items.Skip((pageNo - 1) * perPage).Take(perPage).Select(x => (JsonNode?)render(x)).ToArray()));
    }
}
