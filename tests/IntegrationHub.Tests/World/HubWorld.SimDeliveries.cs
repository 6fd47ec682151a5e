namespace IntegrationHub.Tests.World;

/// <summary>Waiting for the simulator's webhook deliveries instead of for time.</summary>
public sealed partial class HubWorld
{
    /// <summary>Waits until the simulator has no delivery queued or in flight (attempts and retries done).</summary>
    public async Task SimDeliveriesIdleAsync(int timeoutMs = 30000, CancellationToken cancellationToken = default)
    {
        using var idle = await Sim.PostAsync($"/_sim/deliveries/wait?timeoutMs={timeoutMs}", null, cancellationToken);
        Assert.True(idle.IsSuccessStatusCode, "the simulator's deliveries did not finish");
    }
}
