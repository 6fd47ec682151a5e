using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.BitbucketCloud;

/// <summary>A repository in <c>GET /2.0/repositories?role=member</c>.
/// https://developer.atlassian.com/cloud/bitbucket/rest/api-group-repositories/#api-repositories-get</summary>
internal sealed class BitbucketCloudRepositoryDto
{
    /// <summary>With braces, e.g. <c>{7dd600e6-…}</c>; kept as sent, it is also how hooks and payloads name it.</summary>
    public string Uuid { get; init; } = "";
    public string FullName { get; init; } = "";
    public BranchDto? Mainbranch { get; init; }
    public bool IsPrivate { get; init; }
    public LinksDto? Links { get; init; }

    // Bitbucket Cloud has no archived state for repositories.
    public ProviderRepository ToRepository() => new(
        Uuid,
        FullName,
        Mainbranch?.Name,
        IsPrivate ? RepositoryVisibility.Private : RepositoryVisibility.Public,
        Archived: false,
        Uri.TryCreate(Links?.Html?.Href, UriKind.Absolute, out Uri? html) ? html : null);

    internal sealed class BranchDto
    {
        public string? Name { get; init; }
    }

    internal sealed class LinksDto
    {
        public HrefDto? Html { get; init; }
    }

    internal sealed class HrefDto
    {
        public string? Href { get; init; }
    }
}
