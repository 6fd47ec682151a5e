using System.Text.Json.Nodes;
using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.BitbucketCloud;

/// <summary>
/// Bitbucket Cloud REST 2.0: repositories the user is a member of, and repository webhooks.
/// https://developer.atlassian.com/cloud/bitbucket/rest/api-group-repositories/#api-repositories-workspace-repo-slug-hooks-post
/// </summary>
internal sealed class BitbucketCloudApiClient(ApiTransport api) : IProviderApi
{
    private static readonly HookResource<BitbucketCloudHookDto> HookRest = new()
    {
        CollectionPath = HooksPath,
        ListAll = (transport, path, ct) => BitbucketCloudPagination.GetAllAsync<BitbucketCloudHookDto>(transport, transport.Api(path), ct),
        Body = Body,
        UpdateMethod = HttpMethod.Put,
        Json = ProviderJson.SnakeCase,
        ToHook = (hook, _) => hook.ToHook(),
    };

    public IRepositoryHooks Hooks { get; } = new HookApi<BitbucketCloudHookDto>(api, HookRest);
    private readonly BitbucketCloudWrites _writes = new(api);

    public ProviderDescriptor Descriptor => api.Descriptor;
    public RateLimitSnapshot? LastRateLimit => api.LastRateLimit;

    public async Task<TokenFacts> DescribeTokenAsync(CancellationToken cancellationToken)
    {
        ProviderUser user = await GetCurrentUserAsync(cancellationToken).ConfigureAwait(false);
        return new TokenFacts(user, user.GrantedScopes, null);
    }

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
}
