namespace IntegrationHub.Tests.World;

/// <summary>The simulator's outgoing webhooks, which it sends in the background.</summary>
public sealed partial class HubWorld
{
    /// <summary>Waits until the simulator has made every delivery it owes (sent, retried or dropped by a fault).</summary>
    public async Task WaitForDeliveriesAsync(CancellationToken cancellationToken = default)
    {
        using var response = await Sim.PostAsync("/_sim/deliveries/wait?timeoutMs=20000", null, cancellationToken);
    }
}
