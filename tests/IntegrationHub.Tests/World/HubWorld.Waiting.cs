namespace IntegrationHub.Tests.World;

/// <summary>Waiting on state, never on time.</summary>
public sealed partial class HubWorld
{
    /// <summary>Polls a condition (not a timing assertion: the limit only keeps a broken run from hanging).</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, int seconds = 90)
    {
        for (var until = DateTime.UtcNow.AddSeconds(seconds); DateTime.UtcNow < until;)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(200);
        }

        return await condition();
    }
}
