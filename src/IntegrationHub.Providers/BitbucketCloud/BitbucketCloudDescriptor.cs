using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.BitbucketCloud;

/// <summary>
/// Bitbucket Cloud. bitbucket.org serves the API from api.bitbucket.org/2.0 and OAuth from bitbucket.org/site/oauth2;
/// any other base (our simulator) serves both under itself.
/// https://developer.atlassian.com/cloud/bitbucket/oauth-2/
/// </summary>
public static class BitbucketCloudDescriptor
{
    public static ProviderDescriptor Instance { get; } = new()
    {
        Kind = ProviderKind.BitbucketCloud,
        Slug = ProviderSlugs.BitbucketCloud,
        DisplayName = "Bitbucket Cloud",
        DefaultBaseUrl = new Uri("https://bitbucket.org"),
        DeriveEndpoints = Derive,
        // Scopes must also be ticked on the OAuth consumer, or authorization fails with invalid_scope.
        // webhook: read and write repository hooks; account: the user; issue/pipeline: the events we subscribe to.
        // https://developer.atlassian.com/cloud/bitbucket/rest/intro/#scopes
        Scopes = ["repository", "pullrequest", "webhook", "account", "issue", "pipeline"],
        SupportsOAuth = true,
        // PKCE is not documented for Bitbucket Cloud consumers; the client secret protects the exchange.
        SupportsPkce = false,
        // "Use HTTP basic auth with the consumer key and secret" at the token endpoint.
        TokenClientAuth = TokenClientAuth.BasicHeader,
        Revocation = TokenRevocation.None,
        AccessTokenLifetime = TimeSpan.FromHours(2),
        IssuesRefreshTokens = true,
        RefreshTokensSingleUse = false,
        CommentTargets = [CommentTargetKind.PullRequest, CommentTargetKind.Issue, CommentTargetKind.Commit],
        RateLimitHeaders = RateLimitHeaderNames.XRateLimit,
        // https://support.atlassian.com/bitbucket-cloud/docs/event-payloads/
        DefaultHookEvents =
        [
            "repo:push", "pullrequest:created", "pullrequest:updated", "pullrequest:fulfilled", "pullrequest:rejected",
            "pullrequest:comment_created", "repo:commit_comment_created", "issue:created", "issue:updated",
            "issue:comment_created", "repo:commit_status_created", "repo:commit_status_updated",
        ],
    };

    private static ProviderEndpoints Derive(Uri baseUrl) =>
        BaseUrls.IsHost(baseUrl, "bitbucket.org") || BaseUrls.IsHost(baseUrl, "api.bitbucket.org")
            ? new ProviderEndpoints(
                new Uri("https://api.bitbucket.org/2.0"),
                new Uri("https://bitbucket.org/site/oauth2/authorize"),
                new Uri("https://bitbucket.org/site/oauth2/access_token"),
                RevokeUrl: null)
            : new ProviderEndpoints(
                BaseUrls.Combine(baseUrl, "/2.0"),
                BaseUrls.Combine(baseUrl, "/site/oauth2/authorize"),
                BaseUrls.Combine(baseUrl, "/site/oauth2/access_token"),
                RevokeUrl: null);
}
