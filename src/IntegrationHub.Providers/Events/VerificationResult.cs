namespace IntegrationHub.Providers.Events;

/// <summary>The outcome of verifying one delivery. Carries no secret material, so it can be logged and stored.</summary>
public sealed record VerificationResult
{
    private VerificationResult(VerificationFailure failure, int? matchedSecretIndex, string? detail)
    {
        Failure = failure;
        MatchedSecretIndex = matchedSecretIndex;
        Detail = detail;
    }

    /// <summary>True when the delivery is authentic.</summary>
    public bool IsValid => Failure == VerificationFailure.None;

    /// <summary>Why it was rejected; <see cref="VerificationFailure.None"/> when valid.</summary>
    public VerificationFailure Failure { get; }

    /// <summary>
    /// Which of the accepted secrets matched (0 = current, 1 = previous during rotation), so the hub can tell when the
    /// provider has switched to the new secret and the old one can be dropped.
    /// </summary>
    public int? MatchedSecretIndex { get; }

    /// <summary>A short human explanation naming the header involved; never a secret or signature value.</summary>
    public string? Detail { get; }

    internal static VerificationResult Valid(int matchedSecretIndex) => new(VerificationFailure.None, matchedSecretIndex, null);

    internal static VerificationResult Fail(VerificationFailure failure, string detail) => new(failure, null, detail);
}
