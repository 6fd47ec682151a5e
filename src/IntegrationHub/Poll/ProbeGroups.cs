namespace IntegrationHub.Poll;

/// <summary>
/// Where a probed repository's polls fall in the interval. A change probe pays only when many repositories of one
/// connection are due at the same moment, so each connection's repositories form four groups, a quarter interval apart,
/// each due at one instant of a grid counted from the Unix epoch (the same on every node, whatever a repository's
/// history). A repository that fell behind, failed or was paced differently joins its group again at its next success.
/// </summary>
internal static class ProbeGroups
{
    private const int PerConnection = 4;

    /// <summary>The group's first instant at least half an interval after <paramref name="now"/>.</summary>
    public static DateTimeOffset Next(PollTarget target, TimeSpan interval, DateTimeOffset now)
    {
        long step = Math.Max(1, (long)interval.TotalMilliseconds);
        long phase = Phase(target, step);
        long earliest = (now + (interval / 2)).ToUnixTimeMilliseconds();
        long turns = (earliest - phase + step - 1) / step; // ceiling: earliest and phase are both far above zero
        return DateTimeOffset.FromUnixTimeMilliseconds(phase + (turns * step));
    }

    // Connection and repository ids are random (v4) guids: their bytes are already evenly spread.
    private static long Phase(PollTarget target, long step)
    {
        ulong connection = BitConverter.ToUInt64(target.ConnectionId.ToByteArray(), 0);
        uint group = BitConverter.ToUInt32(target.RepositoryId.ToByteArray(), 4) % PerConnection;
        return (long)((connection % (ulong)step) + ((ulong)step * group / PerConnection)) % step;
    }
}
