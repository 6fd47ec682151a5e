using IntegrationHub.Api;
using IntegrationHub.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Repositories;

/// <summary>
/// GET /api/v1/repositories (paged by keyset, filtered by connection and path) and /api/v1/repositories/{id}, scope
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
            .WithSummary("The tenant's repositories by full path; pass `next` back as `after` for the following page.");
        api.MapGet("/repositories/{id:guid}", GetAsync).RequireAuthorization(ApiScopes.RepositoriesRead)
            .WithName("GetRepository").WithTags("Repositories").WithSummary("One repository of the tenant.");
        return api;
    }

    private static async Task<Results<Ok<RepositoryPage>, ValidationProblem>> ListAsync(
        HubDb db, CancellationToken ct, string? after = null, int? limit = null, Guid? connection = null, string? path = null)
    {
        var errors = new Dictionary<string, string[]>();
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

        var repositories = db.Repositories.AsNoTracking();
        if (connection is { } connectionId)
        {
            repositories = repositories.Where(r => r.ConnectionId == connectionId);
        }

        if (!string.IsNullOrWhiteSpace(path))
        {
            string pattern = "%" + path.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            repositories = repositories.Where(r => EF.Functions.ILike(r.FullPath, pattern, "\\"));
        }

        if (after is not null)
        {
            repositories = repositories.Where(r => string.Compare(r.FullPath, cursor.FullPath) > 0
                || (r.FullPath == cursor.FullPath && r.Id.CompareTo(cursor.Id) > 0));
        }

        // One row more than asked tells whether there is a next page without a count over the whole table.
        var rows = await Project(db, repositories.OrderBy(r => r.FullPath).ThenBy(r => r.Id).Take(take + 1)).ToListAsync(ct);
        string? next = rows.Count > take ? new RepositoryCursor(rows[take - 1].FullPath, rows[take - 1].Id).Encode() : null;
        return TypedResults.Ok(new RepositoryPage(rows.Take(take).ToList(), next));
    }

    private static async Task<Results<Ok<RepositoryJson>, ProblemHttpResult>> GetAsync(Guid id, HubDb db, CancellationToken ct) =>
        await Project(db, db.Repositories.AsNoTracking().Where(r => r.Id == id)).FirstOrDefaultAsync(ct) is { } repository
            ? TypedResults.Ok(repository)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: "This tenant has no repository with that id.");

    private static IQueryable<RepositoryJson> Project(HubDb db, IQueryable<Repository> repositories) =>
        from r in repositories
        join c in db.Connections on r.ConnectionId equals c.Id
        let hook = db.Hooks.Where(h => h.RepositoryId == r.Id && h.Status != HookStatus.Removed).OrderByDescending(h => h.CreatedAt).FirstOrDefault()
        select new RepositoryJson(r.Id, r.ConnectionId, c.Provider, r.FullPath, r.ExternalId, r.HtmlUrl, r.DefaultBranch, r.Visibility,
            r.Archived, r.Status, r.Watched, hook == null ? null : hook.Status, hook == null ? null : hook.LastDeliveryAt, r.FirstSeenAt, r.LastSeenAt);
}
