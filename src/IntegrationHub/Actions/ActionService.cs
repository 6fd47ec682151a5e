using IntegrationHub.Data;
using IntegrationHub.ProviderAccess;
using IntegrationHub.Providers.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Actions;

/// <summary>
/// Comments, replies and statuses through the tenant's own connection. The token stays inside
/// <see cref="IConnectionApis"/> (fresh, decrypted there); the API key's caller sees only the provider's ids.
/// </summary>
internal sealed partial class ActionService(ActionTargets targets, IConnectionApis apis, TimeProvider clock, ILogger<ActionService> logger)
{
    public async Task<ActionAnswer> CommentAsync(Guid repositoryId, CommentRequest r, CancellationToken ct)
    {
        if (ActionInputs.Comment(r) is { } invalid)
        {
            return invalid;
        }

        if (await targets.RepositoryAsync(repositoryId, ct) is not { } target)
        {
            return ActionTargets.NotFound("repository");
        }

        TargetWords.TryParse(r.Target, out var kind);
        if (r.Thread is not null && target.Descriptor.Kind != Providers.ProviderKind.AzureDevOps)
        {
            return ActionAnswer.Invalid("thread", $"thread is for Azure DevOps pull requests; {target.Descriptor.DisplayName} has no comment threads to name.");
        }

        if (!target.Descriptor.CommentTargets.Contains(kind))
        {
            return ActionAnswer.Problem(StatusCodes.Status422UnprocessableEntity,
                $"{target.Descriptor.DisplayName} has no {ReplyTargets.Noun(kind)} comments; it comments on "
                + $"{string.Join(", ", target.Descriptor.CommentTargets.Select(TargetWords.Of))}.", keep: false);
        }

        var where = kind == CommentTargetKind.Commit ? new CommentTarget(kind, Sha: r.Sha) : new CommentTarget(kind, r.Number, ThreadId: r.Thread);
        return await PostAsync(target, where, r.Body!, ActionAudit.CommentPosted, ct);
    }

    public async Task<ActionAnswer> ReplyAsync(long eventId, ReplyRequest r, CancellationToken ct)
    {
        if (ActionInputs.Reply(r, out var policy) is { } invalid)
        {
            return invalid;
        }

        if (await targets.EventAsync(eventId, ct) is not { } stored || await targets.RepositoryAsync(stored.RepositoryId, ct) is not { } target)
        {
            return ActionTargets.NotFound("event");
        }

        var (where, refusal) = ReplyTargets.Choose(eventId, stored.Kind, stored.Payload, target.Descriptor, policy);
        return where is null ? refusal! : await PostAsync(target, where, r.Body!, ActionAudit.ReplyPosted, ct);
    }

    public async Task<ActionAnswer> StatusAsync(Guid repositoryId, StatusRequest r, CancellationToken ct)
    {
        if (ActionInputs.Status(r, out var state) is { } invalid)
        {
            return invalid;
        }

        if (await targets.RepositoryAsync(repositoryId, ct) is not { } target)
        {
            return ActionTargets.NotFound("repository");
        }

        if (ActionTargets.Refusal(target.Connection) is { } refused)
        {
            return refused;
        }

        var spec = new StatusSpec(r.Sha!, state, r.Context!, r.Description, r.TargetUrl);
        try
        {
            using var calls = ProviderCallScope.Begin(target.Connection.Provider, ProviderOperations.Actions);
            var api = await apis.ForAsync(target.Connection, ct);
            var posted = await api.SetCommitStatusAsync(target.Ref, spec, ct);
            var result = new StatusResult(posted.Id, posted.WebUrl, spec.Sha, TargetWords.Of(state), spec.Context);
            return ActionAnswer.Created(result, new ActionAudit(ActionAudit.StatusSet, target.Repository.FullPath,
                $"status {TargetWords.Of(state)} '{ActionAudit.Excerpt(spec.Context)}' on commit {spec.Sha} (provider id {posted.Id ?? "none"})"));
        }
        catch (ProviderApiException e)
        {
            LogRefused(logger, "status", target.Repository.Id, e.Kind, e.Message);
            return ProviderFailures.Answer(e, $"commit {spec.Sha}", clock.GetUtcNow());
        }
    }

    private async Task<ActionAnswer> PostAsync(ActionTarget target, CommentTarget where, string body, string action, CancellationToken ct)
    {
        if (ActionTargets.Refusal(target.Connection) is { } refused)
        {
            return refused;
        }

        try
        {
            using var calls = ProviderCallScope.Begin(target.Connection.Provider, ProviderOperations.Actions);
            var api = await apis.ForAsync(target.Connection, ct);
            var posted = await api.CreateCommentAsync(target.Ref, where, body, ct);
            var result = new CommentResult(posted.Id, posted.WebUrl, TargetWords.Of(where.Kind), where.Number, where.Sha);
            return ActionAnswer.Created(result, new ActionAudit(action, target.Repository.FullPath,
                $"comment {posted.Id} on {ReplyTargets.Describe(where)}: \"{ActionAudit.Excerpt(body)}\""));
        }
        catch (ProviderApiException e)
        {
            LogRefused(logger, "comment", target.Repository.Id, e.Kind, e.Message);
            return ProviderFailures.Answer(e, ReplyTargets.Describe(where), clock.GetUtcNow());
        }
    }

    // The exception's message names the call and the provider's words, never a token (ProviderApiException's rule).
    [LoggerMessage(Level = LogLevel.Information, Message = "The provider refused a {Action} on repository {RepositoryId}: {Kind} ({Reason}).")]
    private static partial void LogRefused(ILogger logger, string action, Guid repositoryId, ProviderApiErrorKind kind, string reason);
}
