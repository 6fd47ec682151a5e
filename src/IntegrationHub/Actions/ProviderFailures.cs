using System.Net.Http;
using IntegrationHub.Providers.Api;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Actions;

/// <summary>
/// A provider's refusal as the API's ProblemDetails, and whether the answer is kept under the Idempotency-Key.
/// Kept: answers about this request that a retry must see again — 404 (the target is not there), 422 (the provider
/// refused the content), and a 502 whose outcome is unknown (the call may have reached the provider: a timeout after
/// sending, or a 2xx we could not read), because running it again could post twice without anyone knowing.
/// Not kept, so the same key may simply be retried: 429 and 5xx (the provider did not act; the client is expected to
/// come back), a call that never left (connection refused, DNS), 403 and 409 (the token's permission or the
/// connection is at fault; once the owner fixes it the same request should go through).
/// </summary>
internal static class ProviderFailures
{
    public static ActionAnswer Answer(ProviderApiException e, string what, DateTimeOffset now) => e.Kind switch
    {
        ProviderApiErrorKind.Forbidden => ActionAnswer.Problem(StatusCodes.Status403Forbidden,
            "The connection's token may not write here: it lacks the scope or permission." + Said(e), keep: false),
        ProviderApiErrorKind.NotFound => ActionAnswer.Problem(StatusCodes.Status404NotFound,
            $"The {what} is not at the provider (or the connection's token cannot see it).", keep: true),
        ProviderApiErrorKind.RateLimited => ActionAnswer.Problem(StatusCodes.Status429TooManyRequests,
            "The provider is rate limiting the connection's token; try again after Retry-After seconds.", keep: false, RetryAfter(e.RetryAt, now)),
        ProviderApiErrorKind.Unauthorized => ConnectionNeedsReauthorization(),
        ProviderApiErrorKind.Rejected => ActionAnswer.Problem(StatusCodes.Status422UnprocessableEntity,
            "The provider refused the request" + (e.ProviderMessage is { Length: > 0 } m ? ": " + m : "."), keep: true),
        ProviderApiErrorKind.Network when NeverSent(e) => ActionAnswer.Problem(StatusCodes.Status502BadGateway,
            "The provider could not be reached; nothing was posted. Try again.", keep: false),
        ProviderApiErrorKind.Network or ProviderApiErrorKind.BadResponse => ActionAnswer.Problem(StatusCodes.Status502BadGateway,
            $"The provider did not answer clearly, so whether the {what} was written is unknown. Check at the provider before "
            + "trying again with a new Idempotency-Key.", keep: true),
        _ => ActionAnswer.Problem(StatusCodes.Status502BadGateway,
            "The provider failed to answer (a server error); nothing is known to be posted. Try again later.", keep: false, e.RetryAt is { } at ? RetryAfter(at, now) : null),
    };

    public static ActionAnswer ConnectionNeedsReauthorization() => ActionAnswer.Problem(StatusCodes.Status409Conflict,
        "The connection needs reauthorization: the provider no longer accepts its token. Its owner has to reconnect it in the hub.", keep: false);

    /// <summary>Whole seconds until <paramref name="at"/>, at least one; a minute when the provider did not say.</summary>
    public static int RetryAfter(DateTimeOffset? at, DateTimeOffset now) =>
        at is { } t ? Math.Max(1, (int)Math.Ceiling((t - now).TotalSeconds)) : 60;

    /// <summary>Failures before the request was written (no connection, no name, no TLS): the provider cannot have acted.</summary>
    private static bool NeverSent(ProviderApiException e) => e.InnerException is HttpRequestException
    {
        HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError
            or HttpRequestError.ProxyTunnelError,
    };

    private static string Said(ProviderApiException e) => e.ProviderMessage is { Length: > 0 } m ? $" The provider said: {m}" : "";
}
