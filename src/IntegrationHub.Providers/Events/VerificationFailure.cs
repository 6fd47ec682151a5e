namespace IntegrationHub.Providers.Events;

/// <summary>Why a delivery was rejected. Safe to store and show: it never involves the secret.</summary>
public enum VerificationFailure
{
    /// <summary>Not a failure: the delivery verified.</summary>
    None,
    /// <summary>The signature, token, timestamp or credentials header is absent.</summary>
    MissingHeader,
    /// <summary>The header is there but not in the provider's format (wrong prefix, not hex, not base64, not a number).</summary>
    MalformedHeader,
    /// <summary>Well-formed, but matches none of the accepted secrets: a wrong secret or a tampered body.</summary>
    BadSignature,
    /// <summary>The signed timestamp is outside the tolerance: possibly a replay.</summary>
    StaleTimestamp,
    /// <summary>No usable secret is configured for the hook (none, or none of the shape this scheme needs): fail closed.</summary>
    NoSecret,
}
