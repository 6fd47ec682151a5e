namespace IntegrationHub.Providers.Events;

/// <summary>The repository an event belongs to.</summary>
/// <param name="ExternalId">
/// The provider's stable repository id as a string: GitHub <c>repository.id</c>, GitLab <c>project.id</c>,
/// Bitbucket Cloud <c>repository.uuid</c> with its braces, Bitbucket Data Center <c>repository.id</c>,
/// Azure DevOps <c>repository.id</c> (a GUID). It survives renames and transfers; the path does not.
/// </param>
/// <param name="FullPath">The human path: <c>owner/name</c>, <c>group/sub/project</c>, <c>PROJECT/slug</c>, <c>project/repo</c>.</param>
/// <param name="HtmlUrl">The repository's web page, when the payload carries one.</param>
public sealed record EventRepository(string ExternalId, string FullPath, string? HtmlUrl);
