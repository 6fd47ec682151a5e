namespace IntegrationHub.Tests.Discover;

/// <summary>Stalls a job after its body returned and before Hangfire records its outcome (a node frozen at the worst moment).</summary>
public sealed class OutcomeHold
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Entered => _entered.Task;

    public void Release() => _released.TrySetResult();

    /// <summary>Held once: later performings on the node pass.</summary>
    public async Task StallAsync()
    {
        if (_entered.TrySetResult())
        {
            await _released.Task; // the token is ignored on purpose: a frozen node does not notice it was cancelled
        }
    }
}
