using IntegrationHub.Settings;

namespace IntegrationHub.Poll;

/// <summary>
/// Whether a probed repository is read in full this cycle. The probe sees branch heads and their check rollup, the
/// latest pull request, issue, tag and commit comment, but not everything a full read reports (a second run or status
/// that leaves a head's rollup state as it was, a failed delivery to sweep): so a repository is also read in full for a
/// while after its fingerprint moved (<see cref="PollOptions.HotSeconds"/>), and every repository in turn, a slice of
/// them each cycle, so each is read in full at least once per <see cref="PollOptions.FullReadSeconds"/>.
/// </summary>
internal static class FullReadRule
{
    public static bool Needed(ProbeMark? mark, string? fingerprint, PollTarget target, DateTimeOffset now, PollOptions o)
    {
        if (fingerprint is null || mark is null || target.ConsecutiveFailures > 0 || mark.Fingerprint != fingerprint || now < mark.HotUntil)
        {
            return true;
        }

        int slices = Slices(target, o);
        TimeSpan since = now - mark.FullReadAt;
        // A turn missed (a poll that slipped into the next window) is made up once half a round late.
        return since >= o.Interval * slices * 1.5 || (since >= o.Interval / 2 && IsTurn(target.RepositoryId, now, slices, o));
    }

    /// <summary>
    /// Cycles per round of full reads: <see cref="PollOptions.FullReadSeconds"/> in cycles, more when a connection has so
    /// many repositories that a round would exceed what one token may read a minute
    /// (<see cref="PollOptions.MaxFullReadsPerConnectionPerCycle"/>).
    /// </summary>
    public static int Slices(PollTarget target, PollOptions o)
    {
        int byTime = Math.Max(1, (int)Math.Round((double)o.FullReadSeconds / o.Interval.TotalSeconds));
        int byQuota = (int)Math.Ceiling((double)Math.Max(1, target.RepositoriesOnConnection) / Math.Max(1, o.MaxFullReadsPerConnectionPerCycle));
        return Math.Max(byTime, byQuota);
    }

    /// <summary>Whether the current interval-long window is this repository's: same answer on every node.</summary>
    private static bool IsTurn(Guid repositoryId, DateTimeOffset now, int slices, PollOptions o)
    {
        long window = now.ToUnixTimeSeconds() / (long)o.Interval.TotalSeconds;
        uint slot = BitConverter.ToUInt32(repositoryId.ToByteArray(), 0) % (uint)slices;
        return window % slices == slot;
    }
}
