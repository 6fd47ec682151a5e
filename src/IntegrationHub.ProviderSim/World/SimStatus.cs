namespace IntegrationHub.ProviderSim.World;

/// <summary>A commit status; <see cref="State"/> uses GitHub's words (pending, success, failure, error).</summary>
internal sealed record SimStatus(
    long Id,
    string Sha,
    string State,
    string Context,
    string? Description,
    string? TargetUrl,
    long CreatorId,
    DateTimeOffset CreatedAt)
{
    /// <summary>The provider's own word when it has more than GitHub's four (GitLab running/canceled, Azure notSet), shown back as sent.</summary>
    public string? ProviderState { get; init; }
}
