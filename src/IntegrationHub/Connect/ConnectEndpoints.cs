using IntegrationHub.Cleanup;
using IntegrationHub.Data;
using IntegrationHub.Providers;
using IntegrationHub.Tenancy;
using IntegrationHub.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Connect;

/// <summary>
/// The connect flow's form posts and the provider callback. Posts carry antiforgery tokens; the callback is a GET from
/// the provider, protected by the state, the correlation cookie and the single-use pending row instead.
/// </summary>
internal static class ConnectEndpoints
{
    public static IEndpointRouteBuilder MapConnectEndpoints(this IEndpointRouteBuilder app)
    {
        // One click on the platform app (with the watch choice), or Reconnect of a stored OAuth connection (which keeps its own).
        app.MapPost("/integrations/connect/{provider}", async (string provider, [FromForm] string? connectionId,
            [FromForm(Name = WatchChoice.Field)] string? watch, OAuthFlow flow, HubDb db, HttpContext context, CancellationToken ct) =>
        {
            if (!ProviderSlugs.TryParse(provider, out var kind))
            {
                return Results.NotFound();
            }

            OAuthStart? start;
            if (Guid.TryParse(connectionId, out var id))
            {
                var existing = await db.Connections.FirstOrDefaultAsync(c => c.Id == id && c.Provider == provider, ct);
                if (existing is null)
                {
                    return Results.NotFound();
                }

                if (existing.Status == ConnectionStatus.Revoked)
                {
                    return Results.LocalRedirect($"/integrations?error={ConnectErrors.Revoked}&provider={provider}&detail={existing.Id}");
                }

                start = flow.ForReconnect(existing);
            }
            else if (!WatchChoice.TryRead(watch, out var watchMode))
            {
                return Results.LocalRedirect($"/integrations?error={ConnectErrors.WatchModeUnknown}&provider={provider}");
            }
            else
            {
                start = flow.Platform(kind) is { } platform ? platform with { WatchMode = watchMode } : null;
            }

            if (start is null)
            {
                return Results.LocalRedirect($"/integrations?error={ConnectErrors.NotConfigured}&provider={provider}");
            }

            return Results.Redirect((await flow.StartAsync(start, context, ct)).AbsoluteUri);
        }).RequireAuthorization(Policies.TenantOwner);

        app.MapGet("/connect/{provider}/callback", async (string provider, OAuthCallback callback, HttpContext context, CancellationToken ct) =>
            Results.LocalRedirect(await callback.CompleteAsync(provider, context, ct)))
            .RequireAuthorization();

        // Installing the GitHub App: GETs, as the installation page's return is one; the state guards the return as above.
        app.MapGet(GitHubAppInstall.StartPath, async (GitHubAppInstall install, HttpContext context, CancellationToken ct) =>
            Results.Redirect(await install.StartAsync(context, ct))).RequireAuthorization(Policies.TenantOwner);
        app.MapGet(GitHubAppInstall.SetupPath, async (GitHubAppInstall install, HttpContext context, CancellationToken ct) =>
            Results.LocalRedirect(await install.CompleteAsync(context, ct))).RequireAuthorization();

        // Scripts and clients without a circuit disconnect here; the disconnect page confirms in a dialog on its circuit.
        // Owners only (the service checks too); the answer is the page, which then shows the clean-up under way.
        app.MapPost("/integrations/{id:guid}/disconnect", async (Guid id, ConnectionCleanup cleanup, CancellationToken ct) =>
        {
            try
            {
                return await cleanup.DisconnectAsync(id, ct) is null ? Results.NotFound() : Results.LocalRedirect($"/integrations/{id}/disconnect");
            }
            catch (ConnectionRevokedException ex)
            {
                return Results.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, title: "Revoked by an administrator");
            }
        }).RequireAuthorization(Policies.TenantOwner).RequireFormToken()
            .WithOrder(-1); // before the page's own endpoint, which takes posts too

        // Open to members: it retries what an owner already decided and changes no setting (Tenancy/OwnerOnly).
        // The Integrations page's retry form; the disconnect page retries on its circuit (CleanupProgress).
        app.MapPost("/integrations/{id:guid}/retry-cleanup", async (Guid id, ConnectionCleanup cleanup, CancellationToken ct) =>
            await cleanup.RetryAsync(id, acrossTenants: false, ct) is null ? Results.NotFound() : Results.LocalRedirect("/integrations"))
            .RequireAuthorization().RequireFormToken();
        return app;
    }
}
