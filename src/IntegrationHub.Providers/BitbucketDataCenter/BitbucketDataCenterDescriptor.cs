using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.BitbucketDataCenter;

/// <summary>
/// Bitbucket Data Center: always self-hosted, connected with an HTTP access token (PAT) sent as Bearer, or in
/// webhook-only mode with no token at all.
/// https://developer.atlassian.com/server/bitbucket/rest/, https://confluence.atlassian.com/bitbucketserver/http-access-tokens-939515499.html
/// </summary>
public static class BitbucketDataCenterDescriptor
{
    public static ProviderDescriptor Instance { get; } = new()
    {
        Kind = ProviderKind.BitbucketDataCenter,
        Slug = ProviderSlugs.BitbucketDataCenter,
        DisplayName = "Bitbucket Data Center",
        DefaultBaseUrl = null,
        DeriveEndpoints = baseUrl => new ProviderEndpoints(BaseUrls.Combine(baseUrl, "/rest/api/1.0"), null, null, null),
        // The HTTP access token permission that lets us manage a repository's webhooks.
        Scopes = ["REPO_ADMIN"],
        SupportsOAuth = false,
        SupportsPkce = false,
        RateLimitHeaders = RateLimitHeaderNames.XRateLimit,
        // Issues live in Jira, not in Bitbucket Data Center.
        CommentTargets = [CommentTargetKind.PullRequest, CommentTargetKind.Commit],
        // https://confluence.atlassian.com/bitbucketserver/event-payload-938025882.html
        DefaultHookEvents =
        [
            "repo:refs_changed", "pr:opened", "pr:from_ref_updated", "pr:modified", "pr:merged", "pr:declined",
            "pr:deleted", "pr:comment:added",
        ],
    };
}
