namespace IntegrationHub.Data;

/// <summary>The words stored in <c>poll_state.last_outcome</c> and shown on the dashboard.</summary>
public static class PollOutcomes
{
    public const string Ok = "ok";
    public const string Partial = "partial";
    public const string RateLimited = "rate_limited";
    public const string Deferred = "deferred";
    public const string Unauthorized = "unauthorized";
    public const string NoAccess = "no_access";
    public const string NotFound = "not_found";
    public const string Error = "error";

    /// <summary>Outcomes a person must act on (reconnect, restore access); the others heal by themselves.</summary>
    public static bool NeedsAttention(string? outcome) => outcome is Unauthorized or NoAccess or NotFound;
}
