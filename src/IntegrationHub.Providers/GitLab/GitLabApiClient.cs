using System.Globalization;
using System.Text.Json.Nodes;
using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.GitLab;

/// <summary>
/// GitLab REST v4: projects the token's user is a member of, and project hooks.
/// https://docs.gitlab.com/api/project_webhooks/
/// </summary>
internal sealed class GitLabApiClient(ApiTransport api) : IProviderApi
{
    /// <summary>Project-hook event flags we set explicitly: GitLab turns <c>push_events</c> on unless told otherwise.</summary>
    private static readonly string[] KnownEventFlags =
    [
        "push_events", "tag_push_events", "merge_requests_events", "note_events", "confidential_note_events",
        "issues_events", "confidential_issues_events", "pipeline_events", "job_events", "wiki_page_events",
        "deployment_events", "releases_events",
    ];

    private static readonly HookResource<GitLabHookDto> HookRest = new()
    {
        CollectionPath = HooksPath,
        ListAll = (transport, path, ct) => GitLabPagination.GetAllAsync<GitLabHookDto>(transport, transport.Api(path + "?per_page=100"), ct),
        Body = Body,
        UpdateMethod = HttpMethod.Put,
        Json = ProviderJson.SnakeCase,
        ToHook = (hook, now) => hook.ToHook(now),
        // GitLab re-enables an auto-disabled hook when a test request gets a 2xx answer, so our receiver must accept it.
        // https://docs.gitlab.com/user/project/integrations/webhooks/#re-enable-disabled-webhooks,
        // https://docs.gitlab.com/api/project_webhooks/#trigger-a-test-project-webhook (GitLab 16.11+)
        ReEnableTrigger = "test/push_events",
    };

    public IRepositoryHooks Hooks { get; } = new HookApi<GitLabHookDto>(api, HookRest);
    private readonly GitLabWrites _writes = new(api);

    public ProviderDescriptor Descriptor => api.Descriptor;
    public RateLimitSnapshot? LastRateLimit => api.LastRateLimit;

    public async Task<ProviderUser> GetCurrentUserAsync(CancellationToken cancellationToken)
    {
        ApiResponse response = await api.GetAsync(api.Api("/user"), cancellationToken).ConfigureAwait(false);
        GitLabUserDto user = api.Read<GitLabUserDto>(response, ProviderJson.SnakeCase);
        // GitLab reports no scopes on API answers; the token response carries them.
        return new ProviderUser(user.Id.ToString(CultureInfo.InvariantCulture), user.Username,
            string.IsNullOrWhiteSpace(user.Name) ? user.Username : user.Name, GrantedScopes: null);
    }

    /// <summary>
    /// <c>GET /user</c>, then <c>GET /personal_access_tokens/self</c>, which describes the token the request carries:
    /// <c>scopes</c>, <c>expires_at</c> (a date), <c>active</c>. Project and group access tokens are bot users and are
    /// answered by the same endpoint. Where it is not found (an OAuth token, an instance older than GitLab 15.5) the
    /// scopes are unknown (null). https://docs.gitlab.com/api/personal_access_tokens/
    /// </summary>
    public async Task<TokenFacts> DescribeTokenAsync(CancellationToken cancellationToken)
    {
        ProviderUser user = await GetCurrentUserAsync(cancellationToken).ConfigureAwait(false);
        ApiResponse? response = await api.TrySendAsync(HttpMethod.Get, api.Api("/personal_access_tokens/self"), null, notFoundIsNull: true, cancellationToken)
            .ConfigureAwait(false);
        if (response is null)
        {
            return new TokenFacts(user, null, null);
        }

        GitLabTokenSelfDto token = api.Read<GitLabTokenSelfDto>(response, ProviderJson.SnakeCase);
        if (!token.Active)
        {
            throw new ProviderApiException(api.Descriptor.Kind, ProviderApiErrorKind.Unauthorized, "gitlab: the token is revoked or expired (active: false)");
        }

        return new TokenFacts(user, token.Scopes, token.ExpiresAtUtc());
    }

    public async Task<ProviderPage<ProviderRepository>> ListRepositoriesAsync(string? cursor, CancellationToken cancellationToken)
    {
        // Keyset pagination (ordered by id) stays fast and consistent on large instances, where offset pages
        // beyond 50,000 rows are refused on gitlab.com. https://docs.gitlab.com/api/rest/#keyset-based-pagination
        Uri url = cursor is null
            ? api.Api("/projects?membership=true&per_page=100&pagination=keyset&order_by=id&sort=asc")
            : api.CheckedNextUrl(cursor);
        (List<GitLabProjectDto> items, string? next, ApiResponse response) =
            await GitLabPagination.GetPageAsync<GitLabProjectDto>(api, url, cancellationToken).ConfigureAwait(false);
        return new ProviderPage<ProviderRepository>([.. items.Select(p => p.ToRepository())], next, response.RateLimit);
    }

    public Task<PostedComment> CreateCommentAsync(RepositoryRef repository, CommentTarget target, string markdown, CancellationToken cancellationToken) =>
        _writes.CreateCommentAsync(repository, target, markdown, cancellationToken);

    public Task<PostedStatus> SetCommitStatusAsync(RepositoryRef repository, StatusSpec status, CancellationToken cancellationToken) =>
        _writes.SetCommitStatusAsync(repository, status, cancellationToken);

    /// <summary>
    /// GitLab sends the secret as <c>X-Gitlab-Token</c>. Project hooks have no "active" switch, so
    /// <see cref="HookSpec.Active"/> false turns every event off instead.
    /// </summary>
    private static JsonObject Body(HookSpec spec)
    {
        JsonObject body = new()
        {
            ["url"] = spec.Url.AbsoluteUri,
            ["token"] = spec.Secret,
            ["enable_ssl_verification"] = true,
        };
        foreach (string flag in KnownEventFlags.Union(spec.Events, StringComparer.Ordinal))
        {
            body[flag] = spec.Active && spec.Events.Contains(flag, StringComparer.Ordinal);
        }

        return body;
    }

    private static string HooksPath(RepositoryRef repository) => $"/projects/{BaseUrls.Segment(repository.ExternalId)}/hooks";
}
