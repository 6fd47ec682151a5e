namespace IntegrationHub.ProviderSim.Delivery;

/// <summary>A queued attempt: which delivery, which attempt number, and not before when.</summary>
internal sealed record DeliveryWork(DeliveryRecord Record, int AttemptNumber, TimeSpan Delay);
