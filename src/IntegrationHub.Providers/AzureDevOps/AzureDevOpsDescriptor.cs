using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.AzureDevOps;

/// <summary>
/// Azure DevOps Services and Server. The base URL is the organization (<c>https://dev.azure.com/fabrikam</c>) or the
/// Server collection URL; the REST API lives under <c>{org}/_apis</c>. Azure DevOps OAuth takes no new
/// registrations since April 2025, so connections use a PAT (Basic auth, empty user name).
/// https://learn.microsoft.com/azure/devops/integrate/get-started/authentication/oauth
/// </summary>
public static class AzureDevOpsDescriptor
{
    /// <summary>7.0 is served by Azure DevOps Services and Server 2022 alike.</summary>
    internal const string ApiVersion = "7.0";

    public static ProviderDescriptor Instance { get; } = new()
    {
        Kind = ProviderKind.AzureDevOps,
        Slug = ProviderSlugs.AzureDevOps,
        DisplayName = "Azure DevOps",
        DefaultBaseUrl = new Uri("https://dev.azure.com"),
        DeriveEndpoints = Derive,
        // PAT scopes: Code (read, write, status) and Project & Team (read).
        // https://learn.microsoft.com/azure/devops/integrate/get-started/authentication/oauth#scopes
        Scopes = ["vso.code_write", "vso.code_status", "vso.project"],
        SupportsOAuth = false,
        SupportsPkce = false,
        ApiAuth = ApiAuthScheme.BasicPat,
        RateLimitHeaders = RateLimitHeaderNames.XRateLimit,
        // Comments live in pull request threads only: none on bare commits, and work items (Azure Boards) are not
        // repository issues (the PAT's scopes do not reach them either).
        CommentTargets = [CommentTargetKind.PullRequest],
        // One service-hook subscription per event type and repository.
        // https://learn.microsoft.com/azure/devops/service-hooks/events
        DefaultHookEvents =
        [
            "git.push", "git.pullrequest.created", "git.pullrequest.updated", "ms.vss-code.git-pullrequest-comment-event",
        ],
    };

    private static ProviderEndpoints Derive(Uri organizationUrl)
    {
        if (BaseUrls.IsHost(organizationUrl, "dev.azure.com") && organizationUrl.AbsolutePath.Trim('/').Length == 0)
        {
            throw new ArgumentException("An Azure DevOps connection needs the organization URL, e.g. https://dev.azure.com/fabrikam.", nameof(organizationUrl));
        }

        return new ProviderEndpoints(BaseUrls.Combine(organizationUrl, "/_apis"), null, null, null);
    }
}
