using IntegrationHub.Api;
using IntegrationHub.Data;
using IntegrationHub.ProviderAccess;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Connect;

/// <summary>
/// GET /api/v1/connections and /api/v1/connections/{id} (scope connections:read). HubDb's query filter confines both to
/// the key's tenant: another tenant's id is simply not found.
/// </summary>
public static class ConnectionsApi
{
    public static RouteGroupBuilder MapConnectionsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/connections", ListAsync).RequireAuthorization(ApiScopes.ConnectionsRead)
            .WithName("ListConnections").WithTags("Connections").WithSummary("The tenant's connections (never their tokens).");
        api.MapGet("/connections/{id:guid}", GetAsync).RequireAuthorization(ApiScopes.ConnectionsRead)
            .WithName("GetConnection").WithTags("Connections").WithSummary("One connection of the tenant.");
        return api;
    }

    private static async Task<Ok<ConnectionList>> ListAsync(HubDb db, HookCreationPace pace, CancellationToken ct) =>
        TypedResults.Ok(new ConnectionList(await WithBacklogAsync(db, pace,
            await Project(db, db.Connections.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)).ToListAsync(ct), ct)));

    private static async Task<Results<Ok<ConnectionJson>, ProblemHttpResult>> GetAsync(Guid id, HubDb db, HookCreationPace pace, CancellationToken ct) =>
        await Project(db, db.Connections.Where(c => c.Id == id)).FirstOrDefaultAsync(ct) is { } connection
            ? TypedResults.Ok((await WithBacklogAsync(db, pace, [connection], ct))[0])
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: "This tenant has no connection with that id.");

    /// <summary>The figures the Repositories page's card shows: hooks still to create and about how long they take.</summary>
    private static async Task<List<ConnectionJson>> WithBacklogAsync(HubDb db, HookCreationPace pace, List<ConnectionJson> connections, CancellationToken ct)
    {
        var ids = connections.Select(c => c.Id).ToList();
        // One query for the page, not one per connection; a connection without a token or kept by the poll only wants no hook.
        var waiting = await HookBacklog.Waiting(db)
            .Where(r => ids.Contains(r.ConnectionId) && db.Connections.Any(c => c.Id == r.ConnectionId
                && c.AccessTokenProtected != null && c.SyncMode != SyncModes.PollOnly))
            .GroupBy(r => r.ConnectionId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return [.. connections.Select(c => waiting.GetValueOrDefault(c.Id) is var left and > 0
            ? c with { HooksToCreate = left, HookCreationMinutes = Minutes(pace, c.Provider, left) }
            : c)];
    }

    private static int? Minutes(HookCreationPace pace, string provider, int left) =>
        pace.AllowanceFor(provider) is { } allowance
            ? (int)Math.Ceiling(allowance.Estimate(left).TotalMinutes)
            : null;

    // Columns picked one by one: a new secret column on Connection can never leak through the API by default.
    private static IQueryable<ConnectionJson> Project(HubDb db, IQueryable<Connection> connections) =>
        connections.AsNoTracking().Select(c => new ConnectionJson(
            c.Id, c.Provider, c.DisplayName, c.AccountLogin, c.BaseUrl, c.Status, c.StatusReason, c.AuthKind, c.WatchMode, c.SyncMode, c.DiscoveryStatus,
            db.Repositories.Count(r => r.ConnectionId == c.Id && r.Status == "active"),
            db.Hooks.Count(h => h.ConnectionId == c.Id && h.Status == HookStatus.Registered),
            c.CreatedAt));
}
