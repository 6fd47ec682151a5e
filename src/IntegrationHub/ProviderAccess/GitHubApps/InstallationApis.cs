using IntegrationHub.Providers;
using IntegrationHub.Providers.Api;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.ProviderAccess.GitHubApps;

/// <summary>
/// What <see cref="ConnectionApis"/> hands out for an app connection (auth kind github_app): clients holding the
/// installation's token from <see cref="InstallationTokens"/>. A 401 means GitHub no longer takes the token this node
/// held (revoked, or the clock was off): it is forgotten and the call repeated once with the token stored or minted then.
/// </summary>
internal sealed class InstallationApis(IServiceScopeFactory scopes, InstallationTokens tokens, GitHubAppClients clients, ProviderHttp http, TimeProvider clock)
{
    public async Task<IProviderApi> ForAsync(Guid connectionId, string baseUrl, string? caBundlePem, CancellationToken ct)
    {
        var (app, installationId) = await FindAsync(connectionId, ct);
        var client = http.For(caBundlePem ?? app.CaBundlePem);

        async Task<IProviderApi> CreateAsync(CancellationToken token)
        {
            var installationToken = await tokens.GetAsync(app, installationId, token);
            var inner = ProviderCatalog.For(ProviderKind.GitHub).CreateApi(client, new ProviderConnectionInfo(new Uri(baseUrl), installationToken.Token), clock);
            return new InstallationProviderApi(inner, clients, app, installationToken.Token);
        }

        return new RefreshingProviderApi(await CreateAsync(ct), token =>
        {
            tokens.Forget(app, installationId);
            return CreateAsync(token);
        });
    }

    public async Task<ProviderCredentials> CredentialsAsync(Guid connectionId, string baseUrl, string? caBundlePem, bool afterUnauthorized, CancellationToken ct)
    {
        var (app, installationId) = await FindAsync(connectionId, ct);
        if (afterUnauthorized)
        {
            tokens.Forget(app, installationId);
        }

        var installationToken = await tokens.GetAsync(app, installationId, ct);
        return new ProviderCredentials(http.For(caBundlePem ?? app.CaBundlePem), new ProviderConnectionInfo(new Uri(baseUrl), installationToken.Token));
    }

    private async Task<(GitHubAppCredentials App, long InstallationId)> FindAsync(Guid connectionId, CancellationToken ct)
    {
        // The directory reads the database per call (a scoped service); this one lives for the host.
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GitHubAppDirectory>().ForConnectionAsync(connectionId, ct)
            ?? throw new ProviderApiException(ProviderKind.GitHub, ProviderApiErrorKind.Unauthorized,
                "github: the GitHub App of this connection is not configured in the hub any more (or the connection names no installation)");
    }
}
