namespace IntegrationHub.Providers.Events;

/// <summary>
/// What the hub's webhook intake must know about a provider's deliveries, as data (see PROVIDER-FACTS for the sources).
/// </summary>
public sealed record WebhookFacts
{
    public const int MiB = 1024 * 1024;

    /// <summary>
    /// The largest body the intake reads, enforced while reading (a bigger one is answered 413 and dropped): at or just above
    /// what the provider itself sends, so no real delivery is refused.
    /// </summary>
    public required int MaxBodyBytes { get; init; }

    /// <summary>
    /// True when the provider disables or backs off a hook whose deliveries fail (4xx as much as 5xx). For these a verified
    /// delivery whose body we cannot read is still stored and acknowledged, and fails visibly in processing, so a healthy
    /// hook of ours is never pushed into being disabled.
    /// </summary>
    public required bool PunishesFailures { get; init; }

    /// <summary>
    /// The provider's request headers kept with a stored delivery: those that name the event and the delivery and help an
    /// operator explain it. An allow-list, so credentials (Authorization, <c>X-Gitlab-Token</c>) and signatures never reach a table.
    /// </summary>
    public required IReadOnlyList<string> KeptHeaders { get; init; }

    /// <summary>How the hook's secret is made and presented.</summary>
    public required HookSecretShape Secret { get; init; }
}
