namespace IntegrationHub.Outbound;

/// <summary>
/// When a failed delivery is tried again: the first attempt is immediate, then after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h
/// and 10 h, as Svix and other Standard Webhooks senders do (about 28 hours in all); after the eighth failure it is failed.
/// </summary>
public static class RetrySchedule
{
    public static readonly IReadOnlyList<TimeSpan> Delays =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10),
    ];

    public static int MaxAttempts => Delays.Count + 1;

    /// <summary>
    /// The longest wait between two attempts. An endpoint with work pending fails at least this often while it is down,
    /// so failures further apart than this are separate runs, not one continuous outage.
    /// </summary>
    public static TimeSpan LongestGap { get; } = Delays.Max();

    /// <summary>The wait after the <paramref name="failedAttempts"/>-th failure in a row, or null: give up.</summary>
    public static TimeSpan? After(int failedAttempts) =>
        failedAttempts >= 1 && failedAttempts <= Delays.Count ? Delays[failedAttempts - 1] : null;
}
