namespace IntegrationHub.Providers.Events;

/// <summary>What the hub needs of a delivery before it parses the body in earnest.</summary>
/// <param name="DeliveryId">
/// The provider's id of this delivery, stable across the provider's retries: the inbox's dedupe key.
/// Null when the delivery carries none; the caller decides how to dedupe then.
/// </param>
/// <param name="EventName">The provider's event name (header, or body for Azure DevOps), or null.</param>
/// <param name="IsPing">A test delivery sent when a hook is created or tested (GitHub <c>ping</c>, Bitbucket Data Center <c>diagnostics:ping</c>).</param>
public sealed record WebhookDeliveryInfo(string? DeliveryId, string? EventName, bool IsPing);
