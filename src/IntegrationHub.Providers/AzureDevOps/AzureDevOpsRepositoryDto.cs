using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.AzureDevOps;

/// <summary>A Git repository in <c>GET {project}/_apis/git/repositories</c>.
/// https://learn.microsoft.com/rest/api/azure/devops/git/repositories/list</summary>
internal sealed class AzureDevOpsRepositoryDto
{
    private const string HeadsPrefix = "refs/heads/";

    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public AzureDevOpsProjectDto? Project { get; init; }

    /// <summary><c>refs/heads/main</c>; absent for an empty repository.</summary>
    public string? DefaultBranch { get; init; }

    public string? WebUrl { get; init; }

    /// <summary>A disabled repository cannot be read or pushed: the nearest thing to archived.</summary>
    public bool IsDisabled { get; init; }

    public ProviderRepository ToRepository() => new(
        Id,
        $"{Project?.Name}/{Name}",
        DefaultBranch is { } b && b.StartsWith(HeadsPrefix, StringComparison.Ordinal) ? b[HeadsPrefix.Length..] : DefaultBranch,
        // Visibility belongs to the project; "organization" is the old name for visible to the whole organization.
        Project?.Visibility?.ToLowerInvariant() switch
        {
            "public" => RepositoryVisibility.Public,
            "organization" => RepositoryVisibility.Internal,
            _ => RepositoryVisibility.Private,
        },
        IsDisabled,
        Uri.TryCreate(WebUrl, UriKind.Absolute, out Uri? web) ? web : null,
        ProjectId: Project?.Id);
}
