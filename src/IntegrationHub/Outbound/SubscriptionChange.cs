using IntegrationHub.Data;

namespace IntegrationHub.Outbound;

/// <summary>
/// The outcome of a change: the subscription (and the plaintext secret, only on create and rotate), or validation errors
/// by field, or neither when the subscription does not exist for this tenant.
/// </summary>
public sealed record SubscriptionChange(Subscription? Value, string? Secret = null, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public static SubscriptionChange NotFound { get; } = new((Subscription?)null);

    public static SubscriptionChange Invalid(IReadOnlyDictionary<string, string[]> errors) => new(null, null, errors);
}
