using System.ComponentModel;
using IntegrationHub.Api;
using IntegrationHub.Data;
using IntegrationHub.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Repositories;

/// <summary>
/// GET /api/v1/repositories (paged by keyset, filtered by connection, path, hook state, poll state and watched; the
/// filters are the Repositories list's, <see cref="RepositoryListing"/>) and /api/v1/repositories/{id}, scope
/// repositories:read. HubDb's query filter confines both to the key's tenant: two tenants connected to the same provider
/// repository each have their own row and see only it.
/// </summary>
public static class RepositoriesApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    public static RouteGroupBuilder MapRepositoriesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/repositories", ListAsync).RequireAuthorization(ApiScopes.RepositoriesRead)
            .WithName("ListRepositories").WithTags("Repositories")
            .WithSummary("The tenant's repositories by full path; pass `next` back as `after` for the following page.")
            .WithDescription("Filters combine: connection, path (contains), hookState, pollState, watched. An unknown value is a 400 problem naming the parameter.");
        api.MapGet("/repositories/{id:guid}", GetAsync).RequireAuthorization(ApiScopes.RepositoriesRead)
            .WithName("GetRepository").WithTags("Repositories").WithSummary("One repository of the tenant.");
        return api;
    }

    private static async Task<Results<Ok<RepositoryPage>, ValidationProblem>> ListAsync(
        HubDb db, TimeProvider clock, IOptions<PollOptions> poll, CancellationToken ct, string? after = null, int? limit = null,
        [Description("Only this connection's repositories.")] Guid? connection = null,
        [Description("Full path contains this text (case-insensitive; % and _ are literal).")] string? path = null,
        [Description("The webhook's state: registered, pending (wanted, not settled yet), failed, disabled, removing or none.")] string? hookState = null,
        [Description("The 60-second poll's state: ok, behind (not polled yet or late), error (last poll failed) or off (not polled).")] string? pollState = null,
        [Description("true: watched repositories only; false: unwatched only.")] string? watched = null)
    {
        bool? watchedOnly = watched switch { null or "" => null, "true" => true, "false" => false, _ => (bool?)null };
        var filter = new RepositoryFilter(path, Blank(hookState), Blank(pollState), watchedOnly);
        var errors = filter.Validate();
        if (watched is { Length: > 0 } and not ("true" or "false"))
        {
            errors["watched"] = ["watched must be true or false."];
        }

        int take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}."];
        }

        RepositoryCursor cursor = default;
        if (after is not null && !RepositoryCursor.TryParse(after, out cursor))
        {
            errors["after"] = ["after must be a `next` value from an earlier page."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: "The query is not valid.");
        }

        var repositories = RepositoryListing.Source(db, clock.GetUtcNow(), poll.Value, connection).Filtered(filter);
        if (after is not null)
        {
            repositories = repositories.Where(s => string.Compare(s.Repository.FullPath, cursor.FullPath) > 0
                || (s.Repository.FullPath == cursor.FullPath && s.Repository.Id.CompareTo(cursor.Id) > 0));
        }

        // One row more than asked tells whether there is a next page without a count over the whole table.
        var rows = await Project(repositories.OrderBy(s => s.Repository.FullPath).ThenBy(s => s.Repository.Id).Take(take + 1)).ToListAsync(ct);
        string? next = rows.Count > take ? new RepositoryCursor(rows[take - 1].FullPath, rows[take - 1].Id).Encode() : null;
        return TypedResults.Ok(new RepositoryPage(rows.Take(take).ToList(), next));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static async Task<Results<Ok<RepositoryJson>, ProblemHttpResult>> GetAsync(Guid id, HubDb db, TimeProvider clock, IOptions<PollOptions> poll, CancellationToken ct) =>
        await Project(RepositoryListing.Source(db, clock.GetUtcNow(), poll.Value, connectionId: null).Where(s => s.Repository.Id == id)).FirstOrDefaultAsync(ct) is { } repository
            ? TypedResults.Ok(repository)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: "This tenant has no repository with that id.");

    private static IQueryable<RepositoryJson> Project(IQueryable<RepositorySource> rows) =>
        rows.Select(s => new RepositoryJson(s.Repository.Id, s.Repository.ConnectionId, s.Connection.Provider, s.Repository.FullPath, s.Repository.ExternalId,
            s.Repository.HtmlUrl, s.Repository.DefaultBranch, s.Repository.Visibility, s.Repository.Archived, s.Repository.Status, s.Repository.Watched,
            s.Hook == null ? null : s.Hook.Status, s.Hook == null ? null : s.Hook.LastDeliveryAt, s.Repository.FirstSeenAt, s.Repository.LastSeenAt,
            s.HookState, s.PollState));
}
