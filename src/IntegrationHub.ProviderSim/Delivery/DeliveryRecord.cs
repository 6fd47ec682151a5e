using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.Delivery;

/// <summary>
/// One delivery of one event to one hook, with its attempts. <see cref="Guid"/> is the provider's delivery id
/// (GitHub <c>X-GitHub-Delivery</c>, Bitbucket <c>X-Request-UUID</c>, GitLab <c>Idempotency-Key</c>); a GitHub
/// redelivery is a new record that reuses it.
/// </summary>
internal sealed class DeliveryRecord
{
    public required long Id { get; init; }
    public required Guid Guid { get; init; }
    public required SimHook Hook { get; init; }
    public required DeliveryMessage Message { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required long EventId { get; init; }
    public bool Redelivery { get; init; }

    /// <summary>Why it was never sent: "fault" (drop fault), "disabled" (GitLab back-off), "probation" (Azure).</summary>
    public string? SkippedReason { get; set; }
    public List<DeliveryAttempt> Attempts { get; } = [];

    public DeliveryAttempt? Last => Attempts.Count == 0 ? null : Attempts[^1];
    public bool Succeeded => Last?.StatusCode is >= 200 and < 300;
}
