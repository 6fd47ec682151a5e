using System.Text.Json.Serialization;
using IntegrationHub.Data;
namespace IntegrationHub.Outbound;

/// <summary>
/// A subscription as the API shows it. <see cref="Secret"/> appears only in the answer to POST (the one time it is
/// shown); <see cref="DisabledReason"/> is set when the hub disabled it after days of failures.
/// </summary>
public sealed record SubscriptionJson(
    Guid Id,
    string Url,
    IReadOnlyList<string> Kinds,
    IReadOnlyList<Guid> Repositories,
    string? Description,
    bool Enabled,
    string? DisabledReason,
    DateTimeOffset? DisabledAt,
    DateTimeOffset? FailingSince,
    DateTimeOffset? PreviousSecretValidUntil,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Secret = null)
{
    public static SubscriptionJson From(Subscription s, DateTimeOffset now, string? secret = null) => new(
        s.Id, s.Url, s.Kinds, s.RepositoryIds, s.Description, s.Enabled, s.DisabledReason, s.DisabledAt, s.FailingSince,
        s.PreviousSecretProtected is not null && s.PreviousValidUntil > now ? s.PreviousValidUntil : null, s.CreatedAt, s.UpdatedAt, secret);
}
