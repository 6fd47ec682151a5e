using IntegrationHub.Data;

namespace IntegrationHub.Repositories;

/// <summary>A repository joined to its connection, live hook and poll row, with both states worked out in SQL (see <see cref="RepositoryListing"/>).</summary>
internal sealed class RepositorySource
{
    public required Repository Repository { get; init; }
    public required Connection Connection { get; init; }
    public Hook? Hook { get; init; }
    public PollState? Poll { get; init; }
    public required string HookState { get; init; }
    /// <summary>Sort order of <see cref="HookState"/>: what needs a person first (failed, disabled), then work under way, then settled.</summary>
    public int HookRank { get; init; }
    public required string PollState { get; init; }
}
