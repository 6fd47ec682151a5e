namespace IntegrationHub.ProviderSim.Control;

/// <summary>
/// Body of every <c>POST /_sim/events/...</c>. <see cref="Repo"/> is the full name as the provider spells it
/// (<c>owner/name</c>; Azure DevOps <c>org/project/name</c>). Unused fields are ignored.
/// </summary>
internal sealed record ActionRequest
{
    /// <summary>A provider slug; none means the first registered provider.</summary>
    public string? Provider { get; init; }
    public string Repo { get; init; } = "";
    public string? User { get; init; }
    public string? Branch { get; init; }
    public string? Target { get; init; }
    public int Commits { get; init; } = 1;
    public string? Message { get; init; }
    public int Number { get; init; }
    public string? Title { get; init; }
    public string? Body { get; init; }
    public bool Push { get; init; }
    /// <summary>Comment target: "pull" (default) or "issue".</summary>
    public string On { get; init; } = "pull";
    /// <summary>Azure DevOps: reply in this thread (the <c>threadId</c> a comment answered) instead of starting one.</summary>
    public long? Thread { get; init; }
    public string? Name { get; init; }
    /// <summary>Run conclusion: success, failure or cancelled.</summary>
    public string? Conclusion { get; init; }
    /// <summary>Run status: completed (the default, with <see cref="Conclusion"/>), or queued or in_progress where the provider renders unfinished runs (GitHub).</summary>
    public string? Status { get; init; }
    public string? Sha { get; init; }
    /// <summary>Commit status state: pending, success, failure, error.</summary>
    public string? State { get; init; }
    public string? Context { get; init; }
    public string? Description { get; init; }
    public string? TargetUrl { get; init; }
}
