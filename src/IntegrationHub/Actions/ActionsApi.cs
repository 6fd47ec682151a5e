using IntegrationHub.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Actions;

/// <summary>
/// Acting back through the tenant's connection (scope actions:write): comments, replies to stored events, commit
/// statuses. Every POST honours Idempotency-Key (<see cref="ActionRunner"/>); answers are written as stored so a
/// replay is identical, hence Produces metadata rather than typed results.
/// </summary>
public static class ActionsApi
{
    public static IServiceCollection AddActions(this IServiceCollection services)
    {
        services.AddSingleton<IdempotencyKeys>();
        services.AddScoped<ActionTargets>();
        services.AddScoped<ActionService>();
        services.AddScoped<ActionRunner>();
        return services;
    }

    public static RouteGroupBuilder MapActionsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/repositories/{id:guid}/comments", (Guid id, CommentRequest request, HttpContext http, ActionRunner runner, ActionService actions, CancellationToken ct) =>
                runner.RunAsync(http, request, token => actions.CommentAsync(id, request, token), ct))
            .Describe("PostComment", "Comment on a pull request, an issue or a commit", typeof(CommentResult));
        api.MapPost("/events/{id:long}/reply", (long id, ReplyRequest request, HttpContext http, ActionRunner runner, ActionService actions, CancellationToken ct) =>
                runner.RunAsync(http, request, token => actions.ReplyAsync(id, request, token), ct))
            .Describe("ReplyToEvent", "Reply where a stored event happened, by a policy of targets", typeof(CommentResult));
        api.MapPost("/repositories/{id:guid}/statuses", (Guid id, StatusRequest request, HttpContext http, ActionRunner runner, ActionService actions, CancellationToken ct) =>
                runner.RunAsync(http, request, token => actions.StatusAsync(id, request, token), ct))
            .Describe("SetCommitStatus", "Set a commit (build) status", typeof(StatusResult));
        return api;
    }

    private static RouteHandlerBuilder Describe(this RouteHandlerBuilder endpoint, string name, string summary, Type result) => endpoint
        .RequireAuthorization(ApiScopes.ActionsWrite)
        .WithName(name)
        .WithSummary(summary)
        .WithTags("Actions")
        .Produces(StatusCodes.Status201Created, result)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .ProducesProblem(StatusCodes.Status502BadGateway);
}
