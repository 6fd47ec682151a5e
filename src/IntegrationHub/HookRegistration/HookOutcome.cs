namespace IntegrationHub.HookRegistration;

/// <summary>How converging one repository's hook ended.</summary>
internal enum HookOutcome
{
    /// <summary>The repository is as its settings want, or failed for good (noted on the hook).</summary>
    Done,

    /// <summary>Another node holds the repository's lock (registering, removing or rotating it): try again shortly.</summary>
    Busy,

    /// <summary>A transient provider failure with attempts left: the batch is retried.</summary>
    Retry,
}
