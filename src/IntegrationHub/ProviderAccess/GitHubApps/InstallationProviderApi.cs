using IntegrationHub.Providers.Api;

namespace IntegrationHub.ProviderAccess.GitHubApps;

/// <summary>
/// The GitHub API client of an app connection: every call as the installation (its <c>ghs_</c> token), except that the
/// repositories are the installation's (<c>GET /installation/repositories</c>), not a person's <c>/user/repos</c>, which
/// an installation token may not read.
/// https://docs.github.com/rest/apps/installations#list-repositories-accessible-to-the-app-installation
/// </summary>
internal sealed class InstallationProviderApi(IProviderApi inner, GitHubAppClients clients, GitHubAppCredentials app, string installationToken) : IProviderApi
{
    public ProviderDescriptor Descriptor => inner.Descriptor;
    public RateLimitSnapshot? LastRateLimit => inner.LastRateLimit;
    public IRepositoryHooks Hooks => inner.Hooks;

    public Task<ProviderUser> GetCurrentUserAsync(CancellationToken cancellationToken) => inner.GetCurrentUserAsync(cancellationToken);
    public Task<TokenFacts> DescribeTokenAsync(CancellationToken cancellationToken) => inner.DescribeTokenAsync(cancellationToken);

    public async Task<ProviderPage<ProviderRepository>> ListRepositoriesAsync(string? cursor, CancellationToken cancellationToken)
    {
        using var api = clients.For(app);
        return await api.ListInstallationRepositoriesAsync(installationToken, cursor, cancellationToken);
    }

    public Task<PostedComment> CreateCommentAsync(RepositoryRef repository, CommentTarget target, string markdown, CancellationToken cancellationToken) =>
        inner.CreateCommentAsync(repository, target, markdown, cancellationToken);

    public Task<PostedStatus> SetCommitStatusAsync(RepositoryRef repository, StatusSpec status, CancellationToken cancellationToken) =>
        inner.SetCommitStatusAsync(repository, status, cancellationToken);
}
