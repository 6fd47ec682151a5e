using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.GitHub;

/// <summary>
/// GitHub and GitHub Enterprise Server. github.com has its API on its own host; an Enterprise Server serves the API
/// under <c>{base}/api/v3</c> and OAuth under <c>{base}/login/oauth/*</c>.
/// https://docs.github.com/enterprise-server@latest/rest/quickstart, https://docs.github.com/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps
/// </summary>
public static class GitHubDescriptor
{
    public static ProviderDescriptor Instance { get; } = new()
    {
        Kind = ProviderKind.GitHub,
        Slug = ProviderSlugs.GitHub,
        DisplayName = "GitHub",
        DefaultBaseUrl = new Uri("https://github.com"),
        DeriveEndpoints = Derive,
        // repo: private repositories; admin:repo_hook: manage hooks; read:user: the account's profile.
        Scopes = ["repo", "admin:repo_hook", "read:user"],
        // A classic PAT: repo (private repositories, contents, statuses, comments; public_repo reaches public ones only,
        // so the hub would silently miss every private repository) and admin:repo_hook, the one scope documented to
        // delete hooks (repo is documented as "read/write" on webhooks, write:repo_hook as read, write and ping), which
        // disconnect needs; it is also what the OAuth flow asks for. GET /user needs no scope.
        // https://docs.github.com/apps/oauth-apps/building-oauth-apps/scopes-for-oauth-apps
        PatScopes = ["repo", "admin:repo_hook"],
        SupportsOAuth = true,
        SupportsPkce = true,
        Revocation = TokenRevocation.ApplicationTokenDelete,
        // OAuth-app tokens do not expire and come without a refresh token. If the operator registers a GitHub App
        // with expiring user tokens instead, those last 8 h and their refresh tokens are single use.
        AccessTokenLifetime = null,
        IssuesRefreshTokens = false,
        RefreshTokensSingleUse = true,
        CommentTargets = [CommentTargetKind.PullRequest, CommentTargetKind.Issue, CommentTargetKind.Commit],
        RateLimitHeaders = RateLimitHeaderNames.XRateLimit,
        // Secondary limit: 80 content-creating requests a minute and 500 an hour per token; creating a webhook is one.
        // Enterprise Server shares the descriptor (only its base URL differs), so it is paced alike.
        // https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits
        CreationLimits = new(PerMinute: 80, PerHour: 500),
        RequestHeaders = new Dictionary<string, string>
        {
            ["Accept"] = "application/vnd.github+json",
            // https://docs.github.com/rest/about-the-rest-api/api-versions
            ["X-GitHub-Api-Version"] = "2022-11-28",
        },
        DefaultHookEvents =
        [
            "push", "pull_request", "issues", "issue_comment", "pull_request_review_comment", "commit_comment",
            "workflow_run", "workflow_job", "status", "create", "delete",
        ],
    };

    private static ProviderEndpoints Derive(Uri baseUrl)
    {
        if (BaseUrls.IsHost(baseUrl, "github.com") || BaseUrls.IsHost(baseUrl, "api.github.com"))
        {
            return new ProviderEndpoints(
                new Uri("https://api.github.com"),
                new Uri("https://github.com/login/oauth/authorize"),
                new Uri("https://github.com/login/oauth/access_token"),
                RevokeUrl: null);
        }

        return new ProviderEndpoints(
            BaseUrls.Combine(baseUrl, "/api/v3"),
            BaseUrls.Combine(baseUrl, "/login/oauth/authorize"),
            BaseUrls.Combine(baseUrl, "/login/oauth/access_token"),
            RevokeUrl: null);
    }
}
