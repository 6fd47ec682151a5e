using IntegrationHub.Providers.Events;

namespace IntegrationHub.WebhookIntake;

/// <summary>The reasons a delivery is rejected, as counted in delivery_rejections and shown in the delivery log.</summary>
public static class RejectionReasons
{
    public const string UnknownHook = "unknown_hook";
    public const string HookInactive = "hook_inactive";
    public const string ConnectionInactive = "connection_inactive";
    public const string Oversized = "oversized";
    public const string MalformedBody = "malformed_body";
    public const string MissingHeader = "missing_header";
    public const string MalformedHeader = "malformed_header";
    public const string BadSignature = "bad_signature";
    public const string StaleTimestamp = "stale_timestamp";
    public const string NoSecret = "no_secret";
    public const string SecretUnavailable = "secret_unavailable";

    public static string From(VerificationFailure failure) => failure switch
    {
        VerificationFailure.MissingHeader => MissingHeader,
        VerificationFailure.MalformedHeader => MalformedHeader,
        VerificationFailure.StaleTimestamp => StaleTimestamp,
        VerificationFailure.NoSecret => NoSecret,
        _ => BadSignature,
    };

    /// <summary>What the delivery log says for each reason.</summary>
    public static string Describe(string reason) => reason switch
    {
        UnknownHook => "no such hook",
        HookInactive => "hook disabled or removed",
        ConnectionInactive => "connection disconnected or revoked",
        Oversized => "body over the size limit",
        MalformedBody => "body is not JSON",
        MissingHeader => "signature or token header missing",
        MalformedHeader => "signature header malformed",
        BadSignature => "wrong secret or tampered body",
        StaleTimestamp => "signed timestamp outside tolerance",
        NoSecret => "hook has no usable secret",
        SecretUnavailable => "hook secret could not be decrypted",
        _ => reason,
    };
}
