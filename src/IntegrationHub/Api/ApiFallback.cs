using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;

namespace IntegrationHub.Api;

/// <summary>
/// The answer for a request no API endpoint takes. The catch-all that produces it accepts every method, so it also wins
/// over routing's own 405 for a known path asked with the wrong method: it tells the two apart itself, 405 with an Allow
/// header when some endpoint has this path, 404 when none has.
/// </summary>
internal static class ApiFallback
{
    private const string DocsSentence = "The API is described at /openapi/v1.json and " + ApiSetup.DocsPath + ".";

    public static IResult Answer(HttpContext http, EndpointDataSource endpoints, IInlineConstraintResolver constraints)
    {
        var allowed = AllowedMethods(http, endpoints, constraints);
        if (allowed.Count == 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found",
                detail: "There is no such API endpoint. " + DocsSentence);
        }

        string allow = string.Join(", ", allowed);
        http.Response.Headers.Allow = allow;
        return TypedResults.Problem(statusCode: StatusCodes.Status405MethodNotAllowed, title: "Method Not Allowed",
            detail: $"{http.Request.Method} is not allowed here; this endpoint takes {allow}. " + DocsSentence);
    }

    private static SortedSet<string> AllowedMethods(HttpContext http, EndpointDataSource endpoints, IInlineConstraintResolver constraints)
    {
        var allowed = new SortedSet<string>(StringComparer.Ordinal);
        var self = http.GetEndpoint();
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint == self
                || endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is not { HttpMethods.Count: > 0 } methods
                || !UnderPrefix(endpoint.RoutePattern)
                || !Matches(endpoint.RoutePattern, http, constraints))
            {
                continue;
            }

            allowed.UnionWith(methods.HttpMethods);
        }

        return allowed;
    }

    // Only the API's own endpoints: a dashboard catch-all page must not make an unknown API path "known".
    private static bool UnderPrefix(RoutePattern pattern) =>
        pattern.PathSegments.Count >= 2
        && Literal(pattern.PathSegments[0]) == "api"
        && Literal(pattern.PathSegments[1]) == "v1";

    private static string? Literal(RoutePatternPathSegment segment) =>
        segment.Parts is [RoutePatternLiteralPart literal] ? literal.Content : null;

    private static bool Matches(RoutePattern pattern, HttpContext http, IInlineConstraintResolver constraints)
    {
        var values = new RouteValueDictionary();
        if (!new TemplateMatcher(new RouteTemplate(pattern), new RouteValueDictionary()).TryMatch(http.Request.Path, values))
        {
            return false;
        }

        // The matcher ignores constraints ({id:guid}): a path whose id has the wrong form is no endpoint's path.
        foreach (var (name, policies) in pattern.ParameterPolicies)
        {
            foreach (var policy in policies)
            {
                var constraint = policy.ParameterPolicy as IRouteConstraint
                    ?? (policy.Content is { } content ? constraints.ResolveConstraint(content) : null);
                if (constraint is not null && !constraint.Match(http, null, name, values, RouteDirection.IncomingRequest))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
