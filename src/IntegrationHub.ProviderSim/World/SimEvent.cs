
namespace IntegrationHub.ProviderSim.World;

/// <summary>
/// One occurrence, recorded on the repository (the polling endpoints read it) and formatted for every matching
/// hook. <see cref="Origin"/> is the scheme and host the control request came in on, used for absolute URLs.
/// </summary>
internal sealed record SimEvent
{
    public required long Id { get; init; }
    public required SimEventKind Kind { get; init; }
    public required SimRepo Repo { get; init; }
    public required SimUser Actor { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string Origin { get; init; }
    public string? Ref { get; init; }
    public string? Before { get; init; }
    public string? After { get; init; }
    public bool Created { get; init; }
    public IReadOnlyList<SimCommit> Commits { get; init; } = [];
    public SimPull? Pull { get; init; }
    public SimIssue? Issue { get; init; }
    public SimComment? Comment { get; init; }
    public SimRun? Run { get; init; }
    public SimStatus? Status { get; init; }
    /// <summary>For <see cref="SimEventKind.PullEdited"/>: the title and description before the edit.</summary>
    public string? PreviousTitle { get; init; }
    public string? PreviousBody { get; init; }

    /// <summary>The branch name of <see cref="Ref"/> (<c>refs/heads/x</c> → <c>x</c>).</summary>
    public string? Branch => Ref?.StartsWith("refs/heads/", StringComparison.Ordinal) == true ? Ref["refs/heads/".Length..] : Ref;
}
