namespace IntegrationHub.Providers.Api;

/// <summary>A repository as every provider's listing is normalized to.</summary>
/// <param name="ExternalId">Provider id as text (see <see cref="RepositoryRef"/>).</param>
/// <param name="FullPath">Human path, unique per connection.</param>
/// <param name="DefaultBranch">Branch name without <c>refs/heads/</c>; null when the listing does not say (Bitbucket DC, empty repositories).</param>
/// <param name="HtmlUrl">Where a person opens it.</param>
/// <param name="ProjectId">Azure DevOps project guid; Bitbucket DC project key; null elsewhere.</param>
/// <param name="CanAdminHooks">Whether the token may manage hooks, when the listing says (GitHub, GitLab); null when unknown.</param>
public sealed record ProviderRepository(
    string ExternalId,
    string FullPath,
    string? DefaultBranch,
    RepositoryVisibility Visibility,
    bool Archived,
    Uri? HtmlUrl,
    string? ProjectId = null,
    bool? CanAdminHooks = null)
{
    /// <summary>What the hook calls need, ready to store and rebuild.</summary>
    public RepositoryRef Ref => new(ExternalId, FullPath, ProjectId);
}
