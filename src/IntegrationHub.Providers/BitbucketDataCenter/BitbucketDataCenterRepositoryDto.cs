using System.Globalization;
using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.BitbucketDataCenter;

/// <summary>
/// A repository in <c>GET /rest/api/1.0/repos</c>. The listing does not carry the default branch (a separate call per
/// repository), so <see cref="ProviderRepository.DefaultBranch"/> stays null. <c>archived</c> exists from 8.0.
/// https://developer.atlassian.com/server/bitbucket/rest/v910/api-group-repository/#api-api-latest-repos-get
/// </summary>
internal sealed class BitbucketDataCenterRepositoryDto
{
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public bool Public { get; init; }
    public bool Archived { get; init; }
    public ProjectDto? Project { get; init; }
    public LinksDto? Links { get; init; }

    public ProviderRepository ToRepository()
    {
        string key = Project?.Key ?? "";
        return new ProviderRepository(
            Id.ToString(CultureInfo.InvariantCulture),
            $"{key}/{Slug}",
            DefaultBranch: null,
            Public || Project?.Public == true ? RepositoryVisibility.Public : RepositoryVisibility.Private,
            Archived,
            Uri.TryCreate(Links?.Self?.FirstOrDefault()?.Href, UriKind.Absolute, out Uri? html) ? html : null,
            ProjectId: key);
    }

    internal sealed class ProjectDto
    {
        public string Key { get; init; } = "";
        public bool Public { get; init; }
    }

    internal sealed class LinksDto
    {
        public List<HrefDto>? Self { get; init; }
    }

    internal sealed class HrefDto
    {
        public string? Href { get; init; }
    }
}
