using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Scalar.AspNetCore;
using Transport = IntegrationHub.Transport;

namespace IntegrationHub.Api;

/// <summary>
/// The tenant API's plumbing: API key authentication, one authorization policy per scope, ProblemDetails, the OpenAPI
/// document (/openapi/v1.json) and its reference page (/api/docs). Features map their endpoints on the group that
/// <see cref="MapApiV1"/> returns.
/// </summary>
public static class ApiSetup
{
    public const string Prefix = "/api/v1";
    public const string DocsPath = "/api/docs";

    public static IServiceCollection AddHubApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProblemDetails();
        services.AddScoped<ApiKeyService>();
        services.AddSingleton<ApiKeyUsage>();
        services.AddHostedService<ApiKeyUsageFlusher>();
        // Added beside the cookie scheme, never as the default (see ApiKeyAuthentication).
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthentication.Scheme, null);
        var policies = services.AddAuthorizationBuilder().AddPolicy(ApiKeyAuthentication.AnyKeyPolicy, p => p
            .AddAuthenticationSchemes(ApiKeyAuthentication.Scheme).RequireAuthenticatedUser().RequireClaim(ApiCaller.KeyIdClaim));
        foreach (string scope in ApiScopes.All)
        {
            policies.AddPolicy(scope, p => p
                .AddAuthenticationSchemes(ApiKeyAuthentication.Scheme).RequireAuthenticatedUser().RequireClaim(ApiCaller.ScopeClaim, scope));
        }

        services.AddOpenApi("v1", o =>
        {
            // The document describes the tenant API only, not the dashboard's pages and form posts.
            o.ShouldInclude = d => d.RelativePath?.StartsWith(Prefix[1..] + "/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer<BearerSecurityScheme>();
        });
        return services;
    }

    /// <summary>Maps the OpenAPI document and reference page, and returns the /api/v1 group every API endpoint goes in.</summary>
    public static RouteGroupBuilder MapApiV1(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference(DocsPath, (options, http) =>
        {
            // The bundle is served by the hub itself (no CDN: the machine may be offline), no web fonts, no AI agent.
            options.WithTitle("IntegrationHub API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .DisableDefaultFonts()
                .DisableAgent()
                .WithNonce();
            // Runs before the security headers' callback (callbacks run last-registered first), once the page has
            // generated this response's nonce.
            http.Response.OnStarting(() =>
            {
                if (http.Items[ScalarOptions.NonceHttpContextItemKey] is string nonce)
                {
                    Transport.ContentSecurityPolicy.AllowScriptNonce(http, nonce);
                }

                return Task.CompletedTask;
            });
        });

        var api = app.MapGroup(Prefix);
        api.RequireAuthorization(ApiKeyAuthentication.AnyKeyPolicy);
        api.AddEndpointFilter<ApiErrors>();
        api.MapFallback("{**path}", (HttpContext http, EndpointDataSource endpoints, IInlineConstraintResolver constraints) =>
                ApiFallback.Answer(http, endpoints, constraints))
            .ExcludeFromDescription();
        return api;
    }
}
