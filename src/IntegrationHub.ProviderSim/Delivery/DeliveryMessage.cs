namespace IntegrationHub.ProviderSim.Delivery;

/// <summary>A formatted webhook: body bytes and the headers that stay the same across retries.</summary>
internal sealed record DeliveryMessage(string Event, string? Action, byte[] Body, IReadOnlyDictionary<string, string> Headers);
