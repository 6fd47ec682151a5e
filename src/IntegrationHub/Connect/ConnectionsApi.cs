using IntegrationHub.Api;
using IntegrationHub.Data;
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

    private static async Task<Ok<ConnectionList>> ListAsync(HubDb db, CancellationToken ct) =>
        TypedResults.Ok(new ConnectionList(await Project(db, db.Connections.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)).ToListAsync(ct)));

    private static async Task<Results<Ok<ConnectionJson>, ProblemHttpResult>> GetAsync(Guid id, HubDb db, CancellationToken ct) =>
        await Project(db, db.Connections.Where(c => c.Id == id)).FirstOrDefaultAsync(ct) is { } connection
            ? TypedResults.Ok(connection)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: "This tenant has no connection with that id.");

    // Columns picked one by one: a new secret column on Connection can never leak through the API by default.
    private static IQueryable<ConnectionJson> Project(HubDb db, IQueryable<Connection> connections) =>
        connections.AsNoTracking().Select(c => new ConnectionJson(
            c.Id, c.Provider, c.DisplayName, c.AccountLogin, c.BaseUrl, c.Status, c.StatusReason, c.AuthKind, c.WatchMode, c.SyncMode, c.DiscoveryStatus,
            db.Repositories.Count(r => r.ConnectionId == c.Id && r.Status == "active"),
            db.Hooks.Count(h => h.ConnectionId == c.Id && h.Status == HookStatus.Registered),
            c.CreatedAt));
}
