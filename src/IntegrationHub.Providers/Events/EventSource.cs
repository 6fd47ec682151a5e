namespace IntegrationHub.Providers.Events;

/// <summary>How the hub learned of an event. The natural key is the same for both.</summary>
public enum EventSource
{
    /// <summary>From a webhook delivery.</summary>
    Webhook,
    /// <summary>From polling the provider's REST API.</summary>
    Poll,
}
