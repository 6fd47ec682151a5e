using System.Text.Json.Nodes;
using IntegrationHub.Api;
using IntegrationHub.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace IntegrationHub.Feed;

/// <summary>
/// <c>GET /api/v1/events</c> (the tenant's feed after a cursor, optionally long-polled) and <c>GET /api/v1/events/{id}</c>.
/// Both read with the key's tenant passed explicitly, so another tenant's events and repositories do not exist here.
/// </summary>
public static class EventsApi
{
    // A waiting request checks again this often: a new event shows within a fraction of a second, and each check is one
    // index probe that usually finds nothing, so hundreds of waiting consumers cost the database little. The connection
    // goes back to the pool between checks, so a waiting consumer holds none.
    private static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(300);

    public static RouteGroupBuilder MapEventsApi(this RouteGroupBuilder api)
    {
        var events = api.MapGroup("/events").WithTags("Events").RequireAuthorization(ApiScopes.EventsRead);
        events.MapGet("", ListAsync).WithName("ListEvents").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Events after a cursor, in the order they were stored; keep `next` and ask again to never miss or repeat one.");
        events.MapGet("/{id:long}", GetAsync).WithName("GetEvent").ProducesProblem(StatusCodes.Status404NotFound).WithSummary("One event by its id.");
        return api;
    }

    private static async Task<Results<Ok<EventsPage>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpContext http, NpgsqlDataSource db, TimeProvider clock,
        string? after, string? limit, string? repository, string? kind, string? mention, string? wait, CancellationToken ct)
    {
        var query = FeedQuery.TryCreate(after, limit, repository, kind, mention, wait, out var errors);
        if (query is null)
        {
            return TypedResults.ValidationProblem(errors, detail: "The query has invalid parameters; see errors.");
        }

        var tenantId = ApiCaller.From(http.User).TenantId;
        if (query.Filter.RepositoryId is { } repositoryId && !await RepositoryExistsAsync(db, tenantId, repositoryId, ct))
        {
            return Missing($"Repository {repositoryId} was not found.");
        }

        var deadline = clock.GetUtcNow() + query.Wait;
        var page = await ReadAsync(db, tenantId, query, ct);
        // Long poll: nothing new yet, so look again until something is readable or the wait is over. A client that goes
        // away cancels the token and the wait with it.
        while (page.Events.Count == 0 && deadline - clock.GetUtcNow() is { Ticks: > 0 } left)
        {
            await Task.Delay(left < CheckInterval ? left : CheckInterval, clock, ct);
            page = await ReadAsync(db, tenantId, query, ct);
        }

        return TypedResults.Ok(new EventsPage([.. page.Events.Select(e => e.Json)], page.Next.Encode()));
    }

    private static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> GetAsync(
        long id, HttpContext http, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var found = await EventFeed.ReadOneAsync(conn, ApiCaller.From(http.User).TenantId, id, ct);
        return found is null
            ? Missing($"Event {id} was not found.")
            : TypedResults.Ok(found.Json);
    }

    private static async Task<FeedPage> ReadAsync(NpgsqlDataSource db, Guid tenantId, FeedQuery query, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await EventFeed.ReadAsync(conn, tenantId, query.After, query.Filter, query.Limit, ct);
    }

    private static async Task<bool> RepositoryExistsAsync(NpgsqlDataSource db, Guid tenantId, Guid repositoryId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT EXISTS (SELECT 1 FROM repositories WHERE id = $1 AND tenant_id = $2)");
        cmd.Parameters.Add(new() { Value = repositoryId });
        cmd.Parameters.Add(new() { Value = tenantId });
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    // A 404 as ProblemDetails (application/problem+json), the same for "not yours" as for "does not exist".
    private static ProblemHttpResult Missing(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: detail);
}
