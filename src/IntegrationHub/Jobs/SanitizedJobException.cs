using IntegrationHub.Actions;
using IntegrationHub.Providers.Api;

namespace IntegrationHub.Jobs;

/// <summary>
/// What the dashboard and Hangfire's tables keep of a failure: the exception's type and, for a provider error, its kind
/// and HTTP status; never its message, which may quote a provider's answer, a URL with a token, or a body. A job throws
/// one itself when it already recorded the failure where people look (<paramref name="noted"/>), and when no retry can
/// help (<paramref name="final"/>).
/// </summary>
public sealed class SanitizedJobException(string description, bool noted = false, bool final = false) : Exception(description)
{
    public bool Noted { get; } = noted;

    public bool Final { get; } = final;

    /// <summary>Type, and for a provider error its kind and status: never the message.</summary>
    public static string Describe(Exception ex) => ex switch
    {
        ProviderApiException p => $"{p.Provider} API error: {p.Kind}{(p.StatusCode is { } s ? $" (HTTP {(int)s} {s})" : "")}",
        HttpRequestException { StatusCode: { } s } => $"HttpRequestException (HTTP {(int)s} {s})",
        SanitizedJobException or JobGivenUpException => ex.Message,
        _ => ex.GetType().Name,
    };
}
