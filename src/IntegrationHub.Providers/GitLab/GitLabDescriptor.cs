using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.GitLab;

/// <summary>
/// gitlab.com and self-managed GitLab: everything lives under the instance's base URL.
/// https://docs.gitlab.com/api/oauth2/, https://docs.gitlab.com/api/rest/
/// </summary>
public static class GitLabDescriptor
{
    public static ProviderDescriptor Instance { get; } = new()
    {
        Kind = ProviderKind.GitLab,
        Slug = ProviderSlugs.GitLab,
        DisplayName = "GitLab",
        DefaultBaseUrl = new Uri("https://gitlab.com"),
        DeriveEndpoints = baseUrl => new ProviderEndpoints(
            BaseUrls.Combine(baseUrl, "/api/v4"),
            BaseUrls.Combine(baseUrl, "/oauth/authorize"),
            BaseUrls.Combine(baseUrl, "/oauth/token"),
            BaseUrls.Combine(baseUrl, "/oauth/revoke")),
        Scopes = ["api", "read_user", "read_api"],
        // api covers reading and writing (hooks, notes, statuses); read_api alone cannot create a hook.
        // https://docs.gitlab.com/user/profile/personal_access_tokens/#personal-access-token-scopes
        PatScopes = ["api"],
        SupportsOAuth = true,
        SupportsPkce = true,
        Revocation = TokenRevocation.Rfc7009,
        // Access tokens last 2 h; a refresh revokes both the old access and the old refresh token, so two nodes
        // refreshing at once break the connection: serialize per connection.
        // https://docs.gitlab.com/api/oauth2/#access-token-expiration
        AccessTokenLifetime = TimeSpan.FromHours(2),
        IssuesRefreshTokens = true,
        RefreshTokensSingleUse = true,
        CommentTargets = [CommentTargetKind.PullRequest, CommentTargetKind.Issue, CommentTargetKind.Commit],
        RateLimitHeaders = RateLimitHeaderNames.Unprefixed,
        // The *_events flags of a project hook. https://docs.gitlab.com/api/project_webhooks/#add-a-webhook-to-a-project
        DefaultHookEvents =
        [
            "push_events", "tag_push_events", "merge_requests_events", "note_events", "issues_events",
            "pipeline_events", "job_events",
        ],
    };
}
