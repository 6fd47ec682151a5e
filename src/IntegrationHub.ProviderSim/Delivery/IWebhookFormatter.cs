using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.Delivery;

/// <summary>Turns an event into one provider's webhook for one hook, or null when that hook does not listen to it.</summary>
internal interface IWebhookFormatter
{
    ProviderId Provider { get; }

    DeliveryMessage? Format(SimEvent e, SimHook hook, Guid deliveryId);
}
