using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.GitHub;

/// <summary>A repository in <c>GET /user/repos</c>. https://docs.github.com/rest/repos/repos#list-repositories-for-the-authenticated-user</summary>
internal sealed class GitHubRepositoryDto
{
    public long Id { get; init; }
    public string FullName { get; init; } = "";
    public string? DefaultBranch { get; init; }

    /// <summary>Pre-2012 name of <see cref="DefaultBranch"/>, still in recorded fixtures.</summary>
    public string? MasterBranch { get; init; }

    public bool Private { get; init; }

    /// <summary>public, private or internal (Enterprise); absent in old answers.</summary>
    public string? Visibility { get; init; }

    public bool Archived { get; init; }
    public string? HtmlUrl { get; init; }
    public PermissionsDto? Permissions { get; init; }

    public ProviderRepository ToRepository() => new(
        Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        FullName,
        DefaultBranch ?? MasterBranch,
        Visibility?.ToLowerInvariant() switch
        {
            "public" => RepositoryVisibility.Public,
            "internal" => RepositoryVisibility.Internal,
            "private" => RepositoryVisibility.Private,
            _ => Private ? RepositoryVisibility.Private : RepositoryVisibility.Public,
        },
        Archived,
        Uri.TryCreate(HtmlUrl, UriKind.Absolute, out Uri? html) ? html : null,
        ProjectId: null,
        CanAdminHooks: Permissions?.Admin);

    internal sealed class PermissionsDto
    {
        public bool Admin { get; init; }
    }
}
