namespace IntegrationHub.Repositories;

/// <summary>
/// What the Repositories list and the bulk watch narrow to: <see cref="Name"/> is a case-insensitive "path contains",
/// the states are words of <see cref="RepositoryHookStates"/> and <see cref="RepositoryPollStates"/>; null is any.
/// </summary>
public sealed record RepositoryFilter(string? Name = null, string? HookState = null, string? PollState = null, bool? Watched = null)
{
    public static readonly RepositoryFilter Any = new();

    /// <summary>Every problem by parameter name (empty when valid), for a 400 or a form's message.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (HookState is not null && !RepositoryHookStates.IsKnown(HookState))
        {
            errors["hookState"] = [$"Unknown hook state '{HookState}'. Valid states: {string.Join(", ", RepositoryHookStates.All)}."];
        }

        if (PollState is not null && !RepositoryPollStates.IsKnown(PollState))
        {
            errors["pollState"] = [$"Unknown poll state '{PollState}'. Valid states: {string.Join(", ", RepositoryPollStates.All)}."];
        }

        if (Name is { Length: > 200 })
        {
            errors["name"] = ["name must be at most 200 characters."];
        }

        return errors;
    }
}
