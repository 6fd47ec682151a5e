using IntegrationHub.Data;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace IntegrationHub.Api;

/// <summary>Declares the API key (HTTP Bearer) in the OpenAPI document and requires it on every operation.</summary>
internal sealed class BearerSecurityScheme : IOpenApiDocumentTransformer
{
    public const string Name = "ApiKey";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Name] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key made on the dashboard's API keys page (owners only): `Authorization: Bearer ihub_...`. "
                + "Each key has scopes: " + string.Join(", ", ApiScopes.All) + ".",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Name, document)] = [] });
        document.Info.Title = "IntegrationHub API";
        document.Info.Description = "Read a tenant's connections, repositories and events; subscribe to outbound webhooks; act back through the tenant's connections.";
        return Task.CompletedTask;
    }
}
