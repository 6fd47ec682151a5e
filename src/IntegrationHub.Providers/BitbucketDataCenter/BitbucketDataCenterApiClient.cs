using System.Globalization;
using System.Text.Json.Nodes;
using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.BitbucketDataCenter;

/// <summary>
/// Bitbucket Data Center REST 1.0. A connection may be narrowed to one project or one repository
/// (<see cref="ProviderConnectionInfo.ProjectKey"/>, <see cref="ProviderConnectionInfo.RepositorySlug"/>).
/// https://developer.atlassian.com/server/bitbucket/rest/v910/api-group-repository/#api-api-latest-projects-projectkey-repos-repositoryslug-webhooks-post
/// </summary>
internal sealed class BitbucketDataCenterApiClient(ApiTransport api) : IProviderApi
{
    private static readonly HookResource<BitbucketDataCenterHookDto> HookRest = new()
    {
        CollectionPath = HooksPath,
        ListAll = BitbucketDataCenterPagination.GetAllAsync<BitbucketDataCenterHookDto>,
        Body = Body,
        UpdateMethod = HttpMethod.Put,
        Json = ProviderJson.CamelCase,
        ToHook = (hook, _) => hook.ToHook(),
    };

    public IRepositoryHooks Hooks { get; } = new HookApi<BitbucketDataCenterHookDto>(api, HookRest);
    private readonly BitbucketDataCenterWrites _writes = new(api);

    public ProviderDescriptor Descriptor => api.Descriptor;
    public RateLimitSnapshot? LastRateLimit => api.LastRateLimit;

    /// <summary>This provider reports neither the scopes nor the expiry of a token on its answers.</summary>
    public async Task<TokenFacts> DescribeTokenAsync(CancellationToken cancellationToken) =>
        new(await GetCurrentUserAsync(cancellationToken).ConfigureAwait(false), null, null);

    /// <summary>
    /// There is no "current user" resource: Bitbucket DC names the authenticated user in <c>X-AUSERNAME</c> /
    /// <c>X-AUSERID</c> on every answer; without them the token was not taken as a user.
    /// </summary>
    public async Task<ProviderUser> GetCurrentUserAsync(CancellationToken cancellationToken)
    {
        ApiResponse probe = await api.GetAsync(api.Api("/application-properties"), cancellationToken).ConfigureAwait(false);
        string? name = probe.Headers.TryGetValues("X-AUSERNAME", out IEnumerable<string>? names) ? names.FirstOrDefault() : null;
        if (string.IsNullOrEmpty(name))
        {
            throw new ProviderApiException(api.Descriptor.Kind, ProviderApiErrorKind.Unauthorized,
                "bitbucket-dc: the answer names no user (X-AUSERNAME): the token was not accepted");
        }

        string id = RateLimitSnapshot.ReadLong(probe.Headers, "X-AUSERID")?.ToString(CultureInfo.InvariantCulture) ?? name;
        ApiResponse? user = await api.TrySendAsync(HttpMethod.Get, api.Api($"/users/{BaseUrls.Segment(name)}"), null, notFoundIsNull: true, cancellationToken).ConfigureAwait(false);
        string display = user is null ? name : api.Read<BitbucketDataCenterUserDto>(user, ProviderJson.CamelCase).DisplayName ?? name;
        return new ProviderUser(id, name, display, GrantedScopes: null);
    }

    public async Task<ProviderPage<ProviderRepository>> ListRepositoriesAsync(string? cursor, CancellationToken cancellationToken)
    {
        ProviderConnectionInfo connection = api.Connection;
        if (connection.ProjectKey is { } key && connection.RepositorySlug is { } slug)
        {
            ApiResponse one = await api.GetAsync(api.Api(RepoPath(key, slug)), cancellationToken).ConfigureAwait(false);
            return new ProviderPage<ProviderRepository>([api.Read<BitbucketDataCenterRepositoryDto>(one, ProviderJson.CamelCase).ToRepository()], null, one.RateLimit);
        }

        if (!int.TryParse(cursor ?? "0", NumberStyles.None, CultureInfo.InvariantCulture, out int start))
        {
            throw new ArgumentException("Not a Bitbucket Data Center cursor.", nameof(cursor));
        }

        string path = connection.ProjectKey is { } projectKey ? $"/projects/{BaseUrls.Segment(projectKey)}/repos" : "/repos";
        (List<BitbucketDataCenterRepositoryDto> items, int? next, ApiResponse response) =
            await BitbucketDataCenterPagination.GetPageAsync<BitbucketDataCenterRepositoryDto>(api, path, start, cancellationToken).ConfigureAwait(false);
        return new ProviderPage<ProviderRepository>([.. items.Select(r => r.ToRepository())], next?.ToString(CultureInfo.InvariantCulture), response.RateLimit);
    }

    public Task<PostedComment> CreateCommentAsync(RepositoryRef repository, CommentTarget target, string markdown, CancellationToken cancellationToken) =>
        _writes.CreateCommentAsync(repository, target, markdown, cancellationToken);

    public Task<PostedStatus> SetCommitStatusAsync(RepositoryRef repository, StatusSpec status, CancellationToken cancellationToken) =>
        _writes.SetCommitStatusAsync(repository, status, cancellationToken);

    // configuration.secret makes Bitbucket sign deliveries (X-Hub-Signature: sha256=…).
    private static JsonObject Body(HookSpec spec) => new()
    {
        ["name"] = "IntegrationHub",
        ["url"] = spec.Url.AbsoluteUri,
        ["active"] = spec.Active,
        ["events"] = new JsonArray([.. spec.Events.Select(e => JsonValue.Create(e))]),
        ["configuration"] = new JsonObject { ["secret"] = spec.Secret },
        ["sslVerificationRequired"] = true,
    };

    private static string RepoPath(string projectKey, string slug) =>
        $"/projects/{BaseUrls.Segment(projectKey)}/repos/{BaseUrls.Segment(slug)}";

    private static string HooksPath(RepositoryRef repository)
    {
        (string key, string slug) = repository.SplitPath();
        return RepoPath(key, slug) + "/webhooks";
    }
}
