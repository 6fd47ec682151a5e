namespace IntegrationHub.Providers.GitHub;

/// <summary>An item of <c>GET /app/hook/deliveries</c> (snake case), as far as the sweep reads it.</summary>
internal sealed class GitHubHookDeliveryDto
{
    public long Id { get; init; }
    public string? Guid { get; init; }
    public string? Status { get; init; }
    public int? StatusCode { get; init; }
    public bool Redelivery { get; init; }
    public DateTimeOffset? DeliveredAt { get; init; }
    public string? Event { get; init; }

    public GitHubHookDelivery ToDelivery() =>
        new(Id, Guid ?? string.Empty, Status ?? string.Empty, StatusCode ?? 0, Redelivery, DeliveredAt?.ToUniversalTime() ?? DateTimeOffset.MinValue, Event);
}
