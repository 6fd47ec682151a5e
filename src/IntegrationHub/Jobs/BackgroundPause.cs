namespace IntegrationHub.Jobs;

/// <summary>
/// The short wait of a background process that found nothing to do. Stopping ends it early and quietly: Hangfire stops
/// calling the process once its stopping token is cancelled, so there is nothing to report.
/// </summary>
public static class BackgroundPause
{
    /// <summary>Waits <paramref name="pause"/> on <paramref name="clock"/>; false when the wait ended because <paramref name="ct"/> was cancelled.</summary>
    public static async Task<bool> WaitAsync(TimeSpan pause, TimeProvider clock, CancellationToken ct)
    {
        try
        {
            await Task.Delay(pause, clock, ct);
            return true;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
