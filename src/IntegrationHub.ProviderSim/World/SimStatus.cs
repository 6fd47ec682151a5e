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
    DateTimeOffset CreatedAt);
