namespace IntegrationHub.Providers.Api;

/// <summary>
/// Enough to address a repository's hooks, rebuilt from what the hub stores.
/// <paramref name="ExternalId"/>: GitHub numeric id, GitLab project id, Bitbucket uuid, BBDC numeric id, Azure repository guid.
/// <paramref name="FullPath"/>: <c>owner/name</c>, <c>group/sub/project</c>, <c>workspace/slug</c>, <c>PROJECTKEY/slug</c>, <c>project/name</c>.
/// <paramref name="ProjectId"/>: Azure DevOps project guid (needed for service-hook subscriptions); null elsewhere.
/// </summary>
public sealed record RepositoryRef(string ExternalId, string FullPath, string? ProjectId = null)
{
    /// <summary>Splits <see cref="FullPath"/> at its last '/': (owner or project key or workspace, name or slug).</summary>
    internal (string Owner, string Name) SplitPath()
    {
        int slash = FullPath.LastIndexOf('/');
        if (slash <= 0 || slash == FullPath.Length - 1)
        {
            throw new ArgumentException($"'{FullPath}' is not an owner/name path.", nameof(FullPath));
        }

        return (FullPath[..slash], FullPath[(slash + 1)..]);
    }
}
