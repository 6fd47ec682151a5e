using System.Globalization;
using System.Text.Json.Nodes;
using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.GitHub;

/// <summary>
/// GitHub REST: repositories of the token's user (owned, collaborating, through organizations) and repository hooks.
/// https://docs.github.com/rest/repos/webhooks
/// </summary>
internal sealed class GitHubApiClient(ApiTransport api) : IProviderApi
{
    private static readonly HookResource<GitHubHookDto> HookRest = new()
    {
        CollectionPath = HooksPath,
        ListAll = (transport, path, ct) => LinkHeaderPagination.GetAllAsync<GitHubHookDto>(transport, transport.Api(path + "?per_page=100"), ProviderJson.SnakeCase, ct),
        Body = Body,
        CreateBody = spec =>
        {
            JsonObject body = Body(spec);
            body["name"] = "web"; // the only hook name the REST API accepts for repository webhooks
            return body;
        },
        UpdateMethod = HttpMethod.Patch,
        Json = ProviderJson.SnakeCase,
        ToHook = (hook, _) => hook.ToHook(),
    };

    public IRepositoryHooks Hooks { get; } = new HookApi<GitHubHookDto>(api, HookRest);
    private readonly GitHubWrites _writes = new(api);

    public ProviderDescriptor Descriptor => api.Descriptor;
    public RateLimitSnapshot? LastRateLimit => api.LastRateLimit;

    public async Task<ProviderUser> GetCurrentUserAsync(CancellationToken cancellationToken) =>
        (await DescribeTokenAsync(cancellationToken).ConfigureAwait(false)).User;

    /// <summary>
    /// <c>GET /user</c>: a classic token's (and an OAuth token's) scopes come back in <c>X-OAuth-Scopes</c>; a
    /// fine-grained token sends no such header, so its scopes are null. A token with an expiry date carries it in
    /// <c>GitHub-Authentication-Token-Expiration</c> (for example <c>2021-10-07 19:07:53 UTC</c>).
    /// https://docs.github.com/apps/oauth-apps/building-oauth-apps/scopes-for-oauth-apps,
    /// https://github.blog/changelog/2021-07-26-expiration-options-for-personal-access-tokens/
    /// </summary>
    public async Task<TokenFacts> DescribeTokenAsync(CancellationToken cancellationToken)
    {
        ApiResponse response = await api.GetAsync(api.Api("/user"), cancellationToken).ConfigureAwait(false);
        GitHubUserDto user = api.Read<GitHubUserDto>(response, ProviderJson.SnakeCase);
        IReadOnlyList<string>? scopes = OAuthScopes.FromHeader(response.Headers, "X-OAuth-Scopes");
        var account = new ProviderUser(
            user.Id.ToString(CultureInfo.InvariantCulture),
            user.Login,
            string.IsNullOrWhiteSpace(user.Name) ? user.Login : user.Name,
            scopes);
        return new TokenFacts(account, scopes, GitHubTokenExpiry.Read(response.Headers));
    }

    public async Task<ProviderPage<ProviderRepository>> ListRepositoriesAsync(string? cursor, CancellationToken cancellationToken)
    {
        // affiliation covers organization repositories too; sorted by full_name so pages are stable while walking.
        Uri url = cursor is null
            ? api.Api("/user/repos?per_page=100&affiliation=owner,collaborator,organization_member&sort=full_name")
            : api.CheckedNextUrl(cursor);
        (List<GitHubRepositoryDto> items, string? next, ApiResponse response) =
            await LinkHeaderPagination.GetPageAsync<GitHubRepositoryDto>(api, url, ProviderJson.SnakeCase, cancellationToken).ConfigureAwait(false);
        return new ProviderPage<ProviderRepository>([.. items.Select(r => r.ToRepository())], next, response.RateLimit);
    }

    public Task<PostedComment> CreateCommentAsync(RepositoryRef repository, CommentTarget target, string markdown, CancellationToken cancellationToken) =>
        _writes.CreateCommentAsync(repository, target, markdown, cancellationToken);

    public Task<PostedStatus> SetCommitStatusAsync(RepositoryRef repository, StatusSpec status, CancellationToken cancellationToken) =>
        _writes.SetCommitStatusAsync(repository, status, cancellationToken);

    // content_type json: the verifier reads the raw JSON body; insecure_ssl "0": certificates are always checked.
    private static JsonObject Body(HookSpec spec) => new()
    {
        ["active"] = spec.Active,
        ["events"] = new JsonArray([.. spec.Events.Select(e => JsonValue.Create(e))]),
        ["config"] = new JsonObject
        {
            ["url"] = spec.Url.AbsoluteUri,
            ["content_type"] = "json",
            ["insecure_ssl"] = "0",
            ["secret"] = spec.Secret,
        },
    };

    private static string HooksPath(RepositoryRef repository)
    {
        (string owner, string name) = repository.SplitPath();
        return $"/repos/{BaseUrls.Segment(owner)}/{BaseUrls.Segment(name)}/hooks";
    }
}
