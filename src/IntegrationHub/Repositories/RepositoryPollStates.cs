namespace IntegrationHub.Repositories;

/// <summary>
/// A repository's 60-second poll, from poll_state, by the rules the poll and the home page use. Off: the poll leaves it
/// alone (unwatched or gone, its connection not active, without a token, or kept in sync by webhooks only). Error: its
/// last poll failed (consecutive failures above zero, the home page's "failing"). Behind: not polled yet (the scheduler
/// makes its row within a cycle) or late by more than two intervals and not deferred for the rate limit (the home page's
/// "overdue"). Ok: polled on schedule.
/// </summary>
public static class RepositoryPollStates
{
    public const string Ok = "ok";
    public const string Behind = "behind";
    public const string Error = "error";
    public const string Off = "off";

    /// <summary>A repository is behind when its poll is late by more than this many intervals (as on the home page).</summary>
    public const int LateIntervals = 2;

    public static readonly IReadOnlyList<string> All = [Ok, Behind, Error, Off];

    public static bool IsKnown(string? state) => state is not null && All.Contains(state);
}
