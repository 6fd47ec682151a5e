using System.Globalization;
using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.GitLab;

/// <summary>A project in <c>GET /projects</c>. https://docs.gitlab.com/api/projects/#list-all-projects</summary>
internal sealed class GitLabProjectDto
{
    /// <summary>Maintainer: the least role that may manage project hooks.</summary>
    private const int MaintainerAccess = 40;

    public long Id { get; init; }
    public string PathWithNamespace { get; init; } = "";
    public string? DefaultBranch { get; init; }
    public string? Visibility { get; init; }
    public bool Archived { get; init; }
    public string? WebUrl { get; init; }
    public PermissionsDto? Permissions { get; init; }

    public ProviderRepository ToRepository() => new(
        Id.ToString(CultureInfo.InvariantCulture),
        PathWithNamespace,
        DefaultBranch,
        Visibility?.ToLowerInvariant() switch
        {
            "public" => RepositoryVisibility.Public,
            "internal" => RepositoryVisibility.Internal,
            _ => RepositoryVisibility.Private,
        },
        Archived,
        Uri.TryCreate(WebUrl, UriKind.Absolute, out Uri? web) ? web : null,
        ProjectId: null,
        CanAdminHooks: Permissions is null
            ? null
            : Math.Max(Permissions.ProjectAccess?.AccessLevel ?? 0, Permissions.GroupAccess?.AccessLevel ?? 0) >= MaintainerAccess);

    internal sealed class PermissionsDto
    {
        public AccessDto? ProjectAccess { get; init; }
        public AccessDto? GroupAccess { get; init; }
    }

    internal sealed class AccessDto
    {
        public int AccessLevel { get; init; }
    }
}
