namespace IntegrationHub.Outbound;

/// <summary>What a person or an API key asks for. On update, a null field stays as it is.</summary>
public sealed record SubscriptionInput(
    string? Url = null,
    IReadOnlyList<string>? Kinds = null,
    IReadOnlyList<Guid>? Repositories = null,
    string? Description = null,
    bool? Enabled = null);
