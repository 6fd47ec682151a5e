namespace IntegrationHub.Outbound;

/// <summary>POST /api/v1/subscriptions and PATCH /api/v1/subscriptions/{id}; on PATCH a missing field stays as it is.</summary>
public sealed record SubscriptionRequest(string? Url, List<string>? Kinds, List<Guid>? Repositories, string? Description, bool? Enabled)
{
    public SubscriptionInput ToInput() => new(Url, Kinds, Repositories, Description, Enabled);
}
