using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.AzureDevOps;

/// <summary>
/// Azure DevOps REST: projects, then each project's Git repositories; hooks are service-hook subscriptions
/// (see <see cref="AzureDevOpsSubscriptionsApiClient"/>). Every call pins <c>api-version</c>.
/// </summary>
internal sealed class AzureDevOpsApiClient(ApiTransport api) : IProviderApi
{
    /// <summary>Bounds the projects one call walks past when they hold no repositories.</summary>
    private const int MaxProjectsPerCall = 20;

    private static readonly string Version = "api-version=" + AzureDevOpsDescriptor.ApiVersion;
    public IRepositoryHooks Hooks { get; } = new AzureDevOpsSubscriptionsApiClient(api);

    private readonly AzureDevOpsWrites _writes = new(api);

    public ProviderDescriptor Descriptor => api.Descriptor;
    public RateLimitSnapshot? LastRateLimit => api.LastRateLimit;

    // This provider reports neither the scopes nor the expiry of a token on its answers.
    public async Task<TokenFacts> DescribeTokenAsync(CancellationToken cancellationToken) =>
        new(await GetCurrentUserAsync(cancellationToken).ConfigureAwait(false), null, null);

    public async Task<ProviderUser> GetCurrentUserAsync(CancellationToken cancellationToken)
    {
        ApiResponse response = await api.GetAsync(api.Api("/connectionData"), cancellationToken).ConfigureAwait(false);
        AzureDevOpsConnectionDataDto.IdentityDto? user = api.Read<AzureDevOpsConnectionDataDto>(response, ProviderJson.CamelCase).AuthenticatedUser;
        if (user is null || string.IsNullOrEmpty(user.Id) || user.Id == Guid.Empty.ToString())
        {
            throw new ProviderApiException(api.Descriptor.Kind, ProviderApiErrorKind.Unauthorized,
                "azure-devops: the organization answered for an anonymous user: the PAT was not accepted");
        }

        string login = user.Account ?? user.ProviderDisplayName ?? user.Id;
        // PAT scopes are not reported by the API.
        return new ProviderUser(user.Id, login, user.ProviderDisplayName ?? login, GrantedScopes: null);
    }

    public async Task<ProviderPage<ProviderRepository>> ListRepositoriesAsync(string? cursor, CancellationToken cancellationToken)
    {
        AzureDevOpsCursorDto? state = cursor is null ? null : AzureDevOpsPagination.Decode(cursor);
        for (int i = 0; i < MaxProjectsPerCall; i++)
        {
            if (state is null || state.P.Count == 0)
            {
                if (state is { T: null })
                {
                    return new ProviderPage<ProviderRepository>([], null, api.LastRateLimit);
                }

                (List<AzureDevOpsProjectDto> projects, string? next, _) = await AzureDevOpsPagination.GetPageAsync<AzureDevOpsProjectDto>(
                    api, $"/projects?{Version}&$top=100", state?.T, cancellationToken).ConfigureAwait(false);
                state = new AzureDevOpsCursorDto(next, [.. projects.Select(p => p.Id)]);
                continue;
            }

            string project = state.P[0];
            AzureDevOpsCursorDto rest = new(state.T, state.P[1..]);
            string? nextCursor = rest.P.Count > 0 || rest.T is not null ? AzureDevOpsPagination.Encode(rest) : null;
            ApiResponse response = await api.GetAsync(ProjectApi(project, $"/git/repositories?{Version}"), cancellationToken).ConfigureAwait(false);
            List<AzureDevOpsRepositoryDto> repositories = api.Read<AzureDevOpsListDto<AzureDevOpsRepositoryDto>>(response, ProviderJson.CamelCase).Value;
            if (repositories.Count > 0 || nextCursor is null)
            {
                return new ProviderPage<ProviderRepository>([.. repositories.Select(r => r.ToRepository())], nextCursor, response.RateLimit);
            }

            state = rest;
        }

        return new ProviderPage<ProviderRepository>([], AzureDevOpsPagination.Encode(state!), api.LastRateLimit);
    }

    public Task<PostedComment> CreateCommentAsync(RepositoryRef repository, CommentTarget target, string markdown, CancellationToken cancellationToken) =>
        _writes.CreateCommentAsync(repository, target, markdown, cancellationToken);

    public Task<PostedStatus> SetCommitStatusAsync(RepositoryRef repository, StatusSpec status, CancellationToken cancellationToken) =>
        _writes.SetCommitStatusAsync(repository, status, cancellationToken);

    /// <summary>Project-scoped resources live at <c>{org}/{project}/_apis/…</c>, beside the organization's <c>{org}/_apis</c>.</summary>
    private Uri ProjectApi(string project, string pathAndQuery)
    {
        string root = api.Endpoints.ApiRoot.AbsoluteUri.TrimEnd('/');
        string organization = root[..^"/_apis".Length];
        return new Uri($"{organization}/{BaseUrls.Segment(project)}/_apis{pathAndQuery}");
    }
}
