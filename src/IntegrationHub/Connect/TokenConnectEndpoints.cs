using IntegrationHub.Data;
using IntegrationHub.Providers;
using IntegrationHub.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Connect;

/// <summary>
/// The token forms' HTTP way, for scripts and clients without a circuit, at the addresses and with the field names the
/// static pages had (<c>Input.Token</c>, <c>Input.Pat</c>, …): the pages themselves now call the same services on their
/// circuit. Owners only (the services check too). Binding the form makes minimal APIs check the antiforgery token.
/// Each is ordered before the page's own endpoint, which takes posts too.
/// </summary>
internal static class TokenConnectEndpoints
{
    private const string Owner = Policies.TenantOwner;

    public static IEndpointRouteBuilder MapTokenConnectEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/integrations/github/token", (HttpContext context, PatConnector connector, [AsParameters] ScopedTokenFields form, CancellationToken ct) =>
            ScopedTokenAsync(ProviderKind.GitHub, context, connector, form, ct)).RequireAuthorization(Owner).WithOrder(-1);
        app.MapPost("/integrations/gitlab/token", (HttpContext context, PatConnector connector, [AsParameters] ScopedTokenFields form, CancellationToken ct) =>
            ScopedTokenAsync(ProviderKind.GitLab, context, connector, form, ct)).RequireAuthorization(Owner).WithOrder(-1);
        app.MapPost("/integrations/azure-devops", AzureDevOpsAsync).RequireAuthorization(Owner).WithOrder(-1);
        app.MapPost("/integrations/bitbucket-dc", BitbucketDcAsync).RequireAuthorization(Owner).WithOrder(-1);
        app.MapPost("/integrations/{id:guid}/token", AddTokenAsync).RequireAuthorization(Owner).WithOrder(-1);
        return app;
    }

    private static async Task<IResult> ScopedTokenAsync(ProviderKind kind, HttpContext context, PatConnector connector, ScopedTokenFields form, CancellationToken ct)
    {
        var (connection, problem) = await connector.ConnectWithScopedTokenAsync(kind, form.BaseUrl, form.Token, form.CaBundle, form.Watch, ct);
        return connection is null
            ? TokenFormAnswers.Refused("token-error", problem ?? "Not connected.", context.Request.Path)
            : TokenFormAnswers.Redirect(context.Request, $"/integrations?connected={connection.Id}");
    }

    private static async Task<IResult> AzureDevOpsAsync(HttpContext context, PatConnector connector,
        [FromForm(Name = "Input.OrganizationUrl")] string? organizationUrl, [FromForm(Name = "Input.Pat")] string? pat,
        [FromForm(Name = "Input.Watch")] string? watch, CancellationToken ct)
    {
        var (connection, problem) = await connector.ConnectAzureDevOpsAsync(organizationUrl, pat, watch, ct);
        return connection is null
            ? TokenFormAnswers.Refused("azure-error", problem ?? "Not connected.", context.Request.Path)
            : TokenFormAnswers.Redirect(context.Request, $"/integrations?connected={connection.Id}");
    }

    private static async Task<IResult> BitbucketDcAsync(HttpContext context, BitbucketDcConnector connector,
        [FromForm(Name = "Input.BaseUrl")] string? baseUrl, [FromForm(Name = "Input.ProjectKey")] string? projectKey,
        [FromForm(Name = "Input.RepositorySlug")] string? slug, [FromForm(Name = "Input.Pat")] string? pat,
        [FromForm(Name = "Input.CaBundle")] string? caBundle, CancellationToken ct)
    {
        var outcome = await connector.ConnectAsync(baseUrl, projectKey, slug, pat, caBundle, ct);
        if (outcome is { WebhookUrl: { } url, Secret: { } secret })
        {
            return TokenFormAnswers.Webhook(context, outcome.FullPath!, url, secret);
        }

        return outcome.ConnectedId is { } id
            ? TokenFormAnswers.Redirect(context.Request, $"/integrations?connected={id}")
            : TokenFormAnswers.Refused("dc-error", outcome.Error ?? "Not connected.", context.Request.Path);
    }

    private static async Task<IResult> AddTokenAsync(Guid id, HttpContext context, HubDb db, ConnectionTokenAdder adder,
        [FromForm(Name = "Input.Pat")] string? pat, CancellationToken ct)
    {
        // HubDb's tenant filter: another tenant's connection is not found, as on the page.
        if (!await db.Connections.AnyAsync(c => c.Id == id && c.Status == ConnectionStatus.Active, ct))
        {
            return Results.NotFound();
        }

        return await adder.AddAsync(id, pat, ct) is { } error
            ? TokenFormAnswers.Refused("token-error", error, context.Request.Path, "Token not added")
            : TokenFormAnswers.Redirect(context.Request, $"/integrations?token-added={id}");
    }
}
