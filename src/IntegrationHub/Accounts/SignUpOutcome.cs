namespace IntegrationHub.Accounts;

/// <summary>A sign-up's answer: created (no errors), refused by the sign-up mode, throttled, or the form's errors.</summary>
public sealed record SignUpOutcome(IReadOnlyList<string> Errors, bool Refused = false, TimeSpan? RetryAfter = null)
{
    public bool Succeeded => Errors.Count == 0 && !Refused && RetryAfter is null;
}
