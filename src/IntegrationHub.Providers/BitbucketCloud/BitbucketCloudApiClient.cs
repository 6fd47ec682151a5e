using System.Text.Json.Nodes;
using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.BitbucketCloud;

/// <summary>
/// Bitbucket Cloud REST 2.0: repositories the user is a member of, and repository webhooks.
/// https://developer.atlassian.com/cloud/bitbucket/rest/api-group-repositories/#api-repositories-workspace-repo-slug-hooks-post
/// </summary>
internal sealed class BitbucketCloudApiClient(ApiTransport api) : IProviderApi
{
    private readonly BitbucketCloudWrites _writes = new(api);

    public ProviderDescriptor Descriptor => api.Descriptor;
    public RateLimitSnapshot? LastRateLimit => api.LastRateLimit;

    public async Task<ProviderUser> GetCurrentUserAsync(CancellationToken cancellationToken)
    {
        ApiResponse response = await api.GetAsync(api.Api("/user"), cancellationToken).ConfigureAwait(false);
        BitbucketCloudUserDto user = api.Read<BitbucketCloudUserDto>(response, ProviderJson.SnakeCase);
        string login = user.Username ?? user.Nickname ?? user.AccountId ?? user.Uuid;
        // Bitbucket Cloud reports the token's scopes on every answer, so a missing scope shows up here.
        return new ProviderUser(user.Uuid, login, user.DisplayName ?? login, OAuthScopes.FromHeader(response.Headers, "X-OAuth-Scopes"));
    }

    public async Task<ProviderPage<ProviderRepository>> ListRepositoriesAsync(string? cursor, CancellationToken cancellationToken)
    {
        Uri url = cursor is null ? api.Api("/repositories?role=member&pagelen=100") : api.CheckedNextUrl(cursor);
        (List<BitbucketCloudRepositoryDto> items, string? next, ApiResponse response) =
            await BitbucketCloudPagination.GetPageAsync<BitbucketCloudRepositoryDto>(api, url, cancellationToken).ConfigureAwait(false);
        return new ProviderPage<ProviderRepository>([.. items.Select(r => r.ToRepository())], next, response.RateLimit);
    }

    public async Task<IReadOnlyList<ProviderHook>> ListHooksAsync(RepositoryRef repository, CancellationToken cancellationToken)
    {
        List<BitbucketCloudHookDto> hooks = await BitbucketCloudPagination.GetAllAsync<BitbucketCloudHookDto>(
            api, api.Api(HooksPath(repository)), cancellationToken).ConfigureAwait(false);
        return [.. hooks.Select(h => h.ToHook())];
    }

    public async Task<ProviderHook?> GetHookAsync(RepositoryRef repository, string hookId, CancellationToken cancellationToken)
    {
        ApiResponse? response = await api.TrySendAsync(HttpMethod.Get, HookUrl(repository, hookId), null, notFoundIsNull: true, cancellationToken).ConfigureAwait(false);
        return response is null ? null : api.Read<BitbucketCloudHookDto>(response, ProviderJson.SnakeCase).ToHook();
    }

    public async Task<ProviderHook> CreateHookAsync(RepositoryRef repository, HookSpec spec, CancellationToken cancellationToken)
    {
        ApiResponse response = await api.SendAsync(HttpMethod.Post, api.Api(HooksPath(repository)), Body(spec), cancellationToken).ConfigureAwait(false);
        return api.Read<BitbucketCloudHookDto>(response, ProviderJson.SnakeCase).ToHook();
    }

    public async Task<ProviderHook> UpdateHookAsync(RepositoryRef repository, string hookId, HookSpec spec, CancellationToken cancellationToken)
    {
        ApiResponse response = await api.SendAsync(HttpMethod.Put, HookUrl(repository, hookId), Body(spec), cancellationToken).ConfigureAwait(false);
        return api.Read<BitbucketCloudHookDto>(response, ProviderJson.SnakeCase).ToHook();
    }

    public async Task<bool> DeleteHookAsync(RepositoryRef repository, string hookId, CancellationToken cancellationToken) =>
        await api.TrySendAsync(HttpMethod.Delete, HookUrl(repository, hookId), null, notFoundIsNull: true, cancellationToken).ConfigureAwait(false) is not null;

    public Task<ProviderHook> ReEnableHookAsync(RepositoryRef repository, string hookId, HookSpec spec, CancellationToken cancellationToken) =>
        UpdateHookAsync(repository, hookId, spec with { Active = true }, cancellationToken);

    public Task<PostedComment> CreateCommentAsync(RepositoryRef repository, CommentTarget target, string markdown, CancellationToken cancellationToken) =>
        _writes.CreateCommentAsync(repository, target, markdown, cancellationToken);

    public Task<PostedStatus> SetCommitStatusAsync(RepositoryRef repository, StatusSpec status, CancellationToken cancellationToken) =>
        _writes.SetCommitStatusAsync(repository, status, cancellationToken);

    // With a secret set, deliveries carry X-Hub-Signature: sha256=<hex HMAC>.
    private static JsonObject Body(HookSpec spec) => new()
    {
        ["description"] = "IntegrationHub",
        ["url"] = spec.Url.AbsoluteUri,
        ["active"] = spec.Active,
        ["secret"] = spec.Secret,
        ["events"] = new JsonArray([.. spec.Events.Select(e => JsonValue.Create(e))]),
    };

    private static string HooksPath(RepositoryRef repository)
    {
        (string workspace, string slug) = repository.SplitPath();
        return $"/repositories/{BaseUrls.Segment(workspace)}/{BaseUrls.Segment(slug)}/hooks";
    }

    // Hook uuids keep their braces, escaped: /hooks/%7B…%7D.
    private Uri HookUrl(RepositoryRef repository, string hookId) => api.Api($"{HooksPath(repository)}/{BaseUrls.Segment(hookId)}");
}
