namespace IntegrationHub.Repositories;

/// <summary>
/// Where a hook's secret rotation stands, from its previous-secret columns (see <c>Hook</c>): none kept; kept without
/// limit until the provider confirms the new secret; kept until its grace period ends; or that period is over.
/// </summary>
public static class SecretRotationStates
{
    public const string None = "none";
    public const string AwaitingConfirmation = "awaiting_confirmation";
    public const string GracePeriod = "grace_period";
    public const string Ended = "ended";

    public static string Of(bool hasPrevious, DateTimeOffset? expiresAt, DateTimeOffset now) =>
        !hasPrevious ? None
        : expiresAt is null ? AwaitingConfirmation
        : expiresAt > now ? GracePeriod
        : Ended;
}
