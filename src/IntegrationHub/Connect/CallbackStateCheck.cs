using IntegrationHub.Data;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Connect;

/// <summary>
/// The first checks of every connect callback (OAuth and GitHub App install alike), in order: the <c>state</c> must
/// unprotect, belong to the signed-in user and tenant, match this browser's correlation cookie, and consume its pending
/// row (once, within 10 minutes, for this flow's kind). The answer is the pending flow, or the error key to refuse with.
/// </summary>
public sealed class CallbackStateCheck(TenantScope scope, OAuthStateStore store, OAuthStateProtector states)
{
    public async Task<(StatePayload? State, PendingAuthorization? Pending, string? Error)> ConsumeAsync(HttpContext context, string flowKind, CancellationToken ct)
    {
        var state = states.Unprotect(context.Request.Query["state"]);
        if (state is null)
        {
            return (null, null, ConnectErrors.StateInvalid);
        }

        if (state.TenantId != scope.TenantId || state.UserId != scope.UserId)
        {
            return (null, null, ConnectErrors.WrongAccount);
        }

        string cookie = OAuthFlow.CookiePrefix + state.FlowId.ToString("N");
        if (!OAuthStateProtector.CorrelationMatches(state, context.Request.Cookies[cookie]))
        {
            return (null, null, ConnectErrors.StateInvalid);
        }

        context.Response.Cookies.Delete(cookie, new CookieOptions { Path = "/connect" });
        var pending = await store.ConsumeAsync(state.FlowId, state.TenantId, state.UserId, flowKind, ct);
        return pending is null ? (null, null, ConnectErrors.StateUsed) : (state, pending, null);
    }
}
