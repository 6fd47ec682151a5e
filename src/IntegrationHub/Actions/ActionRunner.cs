using System.Text;
using System.Text.Json;
using IntegrationHub.Api;
using IntegrationHub.Audit;
using IntegrationHub.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Actions;

/// <summary>
/// Runs an action under the request's Idempotency-Key, if it has one: claim the key, act, then store the answer (or
/// free the key when a retry may simply run again), and write the audit entry in the same transaction as the answer.
/// Without a key the action just runs.
/// </summary>
internal sealed partial class ActionRunner(IdempotencyKeys keys, HubDb db, AuditLog audit, ILogger<ActionRunner> logger)
{
    public const string KeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    private static readonly JsonSerializerOptions Canonical = new(JsonSerializerDefaults.Web);

    /// <param name="ct">The request's token: it cancels only the unkeyed path; a claimed key runs to its end.</param>
    public async Task<IResult> RunAsync<TRequest>(HttpContext http, TRequest request, Func<CancellationToken, Task<ActionAnswer>> action, CancellationToken ct)
    {
        var caller = ApiCaller.From(http.User);
        var values = http.Request.Headers[KeyHeader];
        if (values.Count == 0)
        {
            var answer = await action(ct);
            await AuditAsync(answer, caller, CancellationToken.None); // the provider acted: record it even if the client left
            return Write(http, answer, replayed: false);
        }

        if (values.Count > 1 || values[0] is not { Length: > 0 and <= 255 } key || key.Any(c => c is < ' ' or > '~'))
        {
            return Write(http, ActionAnswer.Invalid(KeyHeader, "Idempotency-Key is one value of 1 to 255 printable ASCII characters (a UUID is a good choice)."), false);
        }

        // The body as bound, serialized again: the same request hashes the same whatever its whitespace or field order.
        byte[] hash = IdempotencyKeys.Hash(http.Request.Method, http.Request.Path.Value ?? "", JsonSerializer.SerializeToUtf8Bytes(request, Canonical));
        // Not the request's token: a client leaving while the INSERT commits would leave an in_progress row for an action
        // that never ran (every retry then hears "in progress", later "abandoned"). The claim is one short statement.
        var claim = await keys.ClaimAsync(caller.TenantId, key, hash, CancellationToken.None);
        switch (claim.State)
        {
            case IdempotencyState.Replay:
                return Write(http, new ActionAnswer(claim.Status!.Value, claim.Body!, Keep: true), replayed: true);
            case IdempotencyState.Mismatch:
                return Write(http, ActionAnswer.Problem(StatusCodes.Status422UnprocessableEntity,
                    "This Idempotency-Key was already used for a different request (another method, path or body). Use a new key for a new request.", keep: false), false);
            case IdempotencyState.InProgress:
                return Write(http, ActionAnswer.Problem(StatusCodes.Status409Conflict,
                    "A request with this Idempotency-Key is in progress; send it again in a moment for its answer.", keep: false, retryAfterSeconds: 1), false);
            case IdempotencyState.Abandoned:
                return Write(http, ActionAnswer.Problem(StatusCodes.Status409Conflict,
                    $"A request with this Idempotency-Key started at {claim.StartedAt:u} and the hub stopped before recording its answer, so whether "
                    + "the provider acted is unknown. Look at the target; if nothing is there, send the request with a new Idempotency-Key.", keep: false), false);
        }

        // Once the key is claimed the action runs to its end even if the client goes away, so its answer is recorded
        // (the provider clients bound every call with their own timeout).
        var outcome = await RunClaimedAsync(action, http);
        if (outcome.Keep)
        {
            await using var tx = await db.Database.BeginTransactionAsync(CancellationToken.None);
            await keys.CompleteAsync(db, caller.TenantId, key, outcome, CancellationToken.None);
            await AuditAsync(outcome, caller, CancellationToken.None);
            await tx.CommitAsync(CancellationToken.None);
        }
        else
        {
            await keys.ReleaseAsync(caller.TenantId, key, CancellationToken.None);
        }

        return Write(http, outcome, replayed: false);
    }

    private async Task<ActionAnswer> RunClaimedAsync(Func<CancellationToken, Task<ActionAnswer>> action, HttpContext http)
    {
        try
        {
            return await action(CancellationToken.None);
        }
        catch (Exception e)
        {
            // The call may have reached the provider before the failure: keep the key from ever running again.
            LogFailed(logger, e, http.Request.Method, http.Request.Path);
            return ActionAnswer.Problem(StatusCodes.Status500InternalServerError,
                "The hub failed while carrying out this request, so whether the provider acted is unknown. Look at the target; "
                + "if nothing is there, send the request with a new Idempotency-Key.", keep: true);
        }
    }

    private async Task AuditAsync(ActionAnswer answer, ApiCaller caller, CancellationToken ct)
    {
        if (answer.Audit is { } a)
        {
            audit.Record(a.Action, caller.TenantId, a.Repository, a.Detail, actor: caller.Actor);
            await db.SaveChangesAsync(ct);
        }
    }

    private static IResult Write(HttpContext http, ActionAnswer answer, bool replayed)
    {
        if (answer.RetryAfterSeconds is { } seconds)
        {
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (replayed)
        {
            http.Response.Headers[ReplayedHeader] = "true";
        }

        return TypedResults.Text(answer.Json, answer.ContentType, Encoding.UTF8, answer.Status);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "An action failed after its Idempotency-Key was claimed: {Method} {Path}.")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method, PathString path);
}
