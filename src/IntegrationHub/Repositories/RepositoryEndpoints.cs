using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using IntegrationHub.Tenancy;

namespace IntegrationHub.Repositories;

/// <summary>
/// Form posts for scripts and plain HTML clients (form binding, so antiforgery is checked), redirected back to the
/// Repositories page with a notice; the page itself calls <see cref="RepositoryActions"/> on its circuit. Unknown or other tenants' ids answer 404. Settings are owners' (Tenancy/OwnerOnly); refresh and the retries
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
        group.MapPost("/watch-bulk", WatchBulkAsync).RequireAuthorization(Policies.TenantOwner);
    }

    /// <summary>
    /// The ticked rows (<c>repositoryId</c>, repeated) or, with <c>all=true</c>, every repository matching the list's
    /// filter (<c>q</c>, <c>hookState</c>, <c>pollState</c>, <c>watchedFilter</c>). A bad filter is 400 and changes nothing.
    /// </summary>
    private static async Task<IResult> WatchBulkAsync([FromForm] Guid connectionId, [FromForm] bool watched,
        [FromForm(Name = "repositoryId")] Guid[]? repositoryIds, [FromForm] bool? all, [FromForm] string? q, [FromForm] string? hookState,
        [FromForm] string? pollState, [FromForm] string? watchedFilter, RepositoryActions actions, CancellationToken ct)
    {
        // Text, not bool?: a form of the unfiltered list sends an empty field, which a bool? refuses to bind (400).
        bool? watchedOnly = Blank(watchedFilter) is not { } w ? null : bool.TryParse(w, out bool b) ? b : null;
        if (Blank(watchedFilter) is not null && watchedOnly is null)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["watchedFilter"] = ["Use true, false or nothing."] });
        }

        var filter = new RepositoryFilter(q, Blank(hookState), Blank(pollState), watchedOnly);
        if (filter.Validate() is { Count: > 0 } errors)
        {
            return Results.ValidationProblem(errors, detail: "The filter is not valid.");
        }

        if (all is not true && repositoryIds is not { Length: > 0 })
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["repositoryId"] = ["Tick at least one repository, or choose all matching."] });
        }

        if (repositoryIds is { Length: > RepositoryActions.MaxBulkIds })
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["repositoryId"] = [$"At most {RepositoryActions.MaxBulkIds} at once; choose all matching instead."] });
        }

        var done = await actions.SetWatchedManyAsync(new BulkWatchRequest(connectionId, watched, all is true ? null : repositoryIds, filter), ct);
        return done is { } d ? Back(d.ConnectionId, d.Notice) : Results.NotFound();
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static IResult Back(Guid connectionId, string? notice, int? page = null) => notice is null
        ? Results.NotFound()
        : Results.Redirect($"/repositories?connection={connectionId:D}{(page is > 1 ? $"&page={page}" : "")}&notice={Uri.EscapeDataString(notice)}");

    private static IResult Back((Guid ConnectionId, string Notice)? done, int? page) =>
        done is { } d ? Back(d.ConnectionId, d.Notice, page) : Results.NotFound();
}
