namespace IntegrationHub.Actions;

/// <summary>What claiming an Idempotency-Key found.</summary>
internal enum IdempotencyState
{
    /// <summary>The key is ours now: run the action, then complete or release it.</summary>
    Claimed,

    /// <summary>The same request was answered before: send the stored answer (<see cref="IdempotencyClaim.Body"/>) again.</summary>
    Replay,

    /// <summary>The key was used for a different request (method, path or body).</summary>
    Mismatch,

    /// <summary>The first request with the key is still running.</summary>
    InProgress,

    /// <summary>The first request with the key began long ago and never finished: the hub stopped while it ran.</summary>
    Abandoned,
}
