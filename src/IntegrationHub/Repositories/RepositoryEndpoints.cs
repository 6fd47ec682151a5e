using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using IntegrationHub.Tenancy;

namespace IntegrationHub.Repositories;

/// <summary>
/// The Repositories page's forms post here (form binding, so antiforgery is checked) and are redirected back with a
/// notice. Unknown or other tenants' ids answer 404. Settings are owners' (Tenancy/OwnerOnly); refresh and the retries
/// are open to members.
/// </summary>
internal static class RepositoryEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/repositories").RequireAuthorization();
        group.MapPost("/refresh", async ([FromForm] Guid connectionId, RepositoryActions actions, CancellationToken ct) =>
            Back(connectionId, await actions.RefreshAsync(connectionId, ct)));
        group.MapPost("/watch-mode", async ([FromForm] Guid connectionId, [FromForm] string mode, RepositoryActions actions, CancellationToken ct) =>
            Back(connectionId, await actions.SetWatchModeAsync(connectionId, mode, ct))).RequireAuthorization(Policies.TenantOwner);
        group.MapPost("/sync-mode", async ([FromForm] Guid connectionId, [FromForm] string mode, RepositoryActions actions, CancellationToken ct) =>
            Back(connectionId, await actions.SetSyncModeAsync(connectionId, mode, ct))).RequireAuthorization(Policies.TenantOwner);
        group.MapPost("/retry-failed", async ([FromForm] Guid connectionId, RepositoryActions actions, CancellationToken ct) =>
            Back(connectionId, await actions.RetryFailedAsync(connectionId, ct)));
        group.MapPost("/watch", async ([FromForm] Guid repositoryId, [FromForm] bool watched, [FromForm] int? page, RepositoryActions actions, CancellationToken ct) =>
            Back(await actions.SetWatchedAsync(repositoryId, watched, ct), page)).RequireAuthorization(Policies.TenantOwner);
        group.MapPost("/retry", async ([FromForm] Guid hookId, [FromForm] int? page, RepositoryActions actions, CancellationToken ct) =>
            Back(await actions.RetryHookAsync(hookId, ct), page));
        group.MapPost("/rotate", async ([FromForm] Guid hookId, [FromForm] int? page, RepositoryActions actions, CancellationToken ct) =>
            Back(await actions.RotateAsync(hookId, ct), page)).RequireAuthorization(Policies.TenantOwner);
    }

    private static IResult Back(Guid connectionId, string? notice, int? page = null) => notice is null
        ? Results.NotFound()
        : Results.Redirect($"/repositories?connection={connectionId:D}{(page is > 1 ? $"&page={page}" : "")}&notice={Uri.EscapeDataString(notice)}");

    private static IResult Back((Guid ConnectionId, string Notice)? done, int? page) =>
        done is { } d ? Back(d.ConnectionId, d.Notice, page) : Results.NotFound();
}
