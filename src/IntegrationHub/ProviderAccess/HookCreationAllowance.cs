namespace IntegrationHub.ProviderAccess;

/// <summary>
/// The pace hook creation keeps for one provider: <see cref="PerMinute"/> and <see cref="PerHour"/> after the margin,
/// and the provider's own per-minute figure (<see cref="ProviderPerMinute"/>) for people to read.
/// </summary>
public sealed record HookCreationAllowance(string ProviderName, int PerMinute, int PerHour, int ProviderPerMinute)
{
    /// <summary>
    /// About how long <paramref name="left"/> creations take at this pace from an empty window: whole hours at the hourly
    /// allowance, the rest at the per-minute one (the last minute's batch goes at once, so n a minute take n-1 waits).
    /// </summary>
    public TimeSpan Estimate(int left)
    {
        if (left <= 0)
        {
            return TimeSpan.Zero;
        }

        int hours = (left - 1) / PerHour;
        int rest = left - hours * PerHour;
        int minutes = (rest + PerMinute - 1) / PerMinute;
        return TimeSpan.FromHours(hours) + TimeSpan.FromMinutes(minutes);
    }
}
