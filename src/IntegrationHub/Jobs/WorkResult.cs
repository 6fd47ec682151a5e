namespace IntegrationHub.Jobs;

/// <summary>What a handler asks the queue to do with its item.</summary>
internal sealed record WorkResult(WorkResultKind Kind, DateTimeOffset? Until = null, string? Error = null, bool PausesConnection = false)
{
    public static readonly WorkResult Done = new(WorkResultKind.Done);

    /// <summary>The provider asked us to wait (rate limit) or the subject is busy: not a failure, no attempt counted.</summary>
    public static WorkResult Postpone(DateTimeOffset until) => new(WorkResultKind.Postpone, until);

    /// <summary>
    /// The provider refused the connection's token (429, a secondary 403, Retry-After) until <paramref name="until"/>:
    /// postponed like <see cref="Postpone"/>, and the whole connection's work waits too, as the limit is per token.
    /// </summary>
    public static WorkResult RateLimited(DateTimeOffset until) => new(WorkResultKind.Postpone, until, PausesConnection: true);

    /// <summary>A transient failure: try again later with back-off, up to the attempt limit.</summary>
    public static WorkResult Retry(string error) => new(WorkResultKind.Retry, Error: error);

    /// <summary>A permanent failure: the item is marked failed.</summary>
    public static WorkResult Fail(string error) => new(WorkResultKind.Fail, Error: error);
}
