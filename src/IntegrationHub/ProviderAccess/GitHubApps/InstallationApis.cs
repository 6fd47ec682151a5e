using IntegrationHub.Providers;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.GitHub;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IntegrationHub.ProviderAccess.GitHubApps;

/// <summary>
/// What <see cref="ConnectionApis"/> hands out for an app connection (auth kind github_app): clients holding the
/// installation's token from <see cref="InstallationTokens"/>. A 401 means GitHub no longer takes the token this node
/// held (revoked, or the clock was off): it is forgotten and the call repeated once with the token stored or minted then.
/// </summary>
internal sealed class InstallationApis(
    IServiceScopeFactory scopes, InstallationTokens tokens, GitHubAppClients clients, ProviderHttp http, NpgsqlDataSource db, TimeProvider clock)
{
    public async Task<IProviderApi> ForAsync(Guid connectionId, string baseUrl, string? caBundlePem, CancellationToken ct)
    {
        var (app, installationId) = await FindAsync(connectionId, ct);
        var client = http.For(caBundlePem ?? app.CaBundlePem);

        GitHubInstallationToken? used = null;

        async Task<IProviderApi> CreateAsync(CancellationToken token)
        {
            used = await TokenAsync(connectionId, app, installationId, token);
            var inner = ProviderCatalog.For(ProviderKind.GitHub).CreateApi(client, new ProviderConnectionInfo(new Uri(baseUrl), used.Token), clock);
            return new InstallationProviderApi(inner, clients, app, used.Token);
        }

        return new RefreshingProviderApi(await CreateAsync(ct), async token =>
        {
            await tokens.ForgetAsync(app, installationId, used!, token);
            return await CreateAsync(token);
        });
    }

    public async Task<ProviderCredentials> CredentialsAsync(Guid connectionId, string baseUrl, string? caBundlePem, bool afterUnauthorized, CancellationToken ct)
    {
        var (app, installationId) = await FindAsync(connectionId, ct);
        if (afterUnauthorized)
        {
            // The refused token is the one this node hands out now (memory, else the shared row).
            await tokens.ForgetAsync(app, installationId, await TokenAsync(connectionId, app, installationId, ct), ct);
        }

        var installationToken = await TokenAsync(connectionId, app, installationId, ct);
        return new ProviderCredentials(http.For(caBundlePem ?? app.CaBundlePem), new ProviderConnectionInfo(new Uri(baseUrl), installationToken.Token));
    }

    public async Task<bool> UninstallAsync(Guid connectionId, CancellationToken ct)
    {
        var (app, installationId) = await FindAsync(connectionId, ct);
        using var api = clients.For(app);
        // GitHub revokes the installation's tokens with it; the stored row stays until its hour ends, unused: the
        // connection is disconnected, so nothing asks for that installation's token again.
        return await api.DeleteInstallationAsync(installationId, ct);
    }

    /// <summary>
    /// The installation's token. GitHub answers 404 to the mint when the app was uninstalled: the connection is marked
    /// disconnected then (the installation.deleted delivery may have been lost), so no job keeps calling for it.
    /// https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app
    /// </summary>
    private async Task<GitHubInstallationToken> TokenAsync(Guid connectionId, GitHubAppCredentials app, long installationId, CancellationToken ct)
    {
        try
        {
            return await tokens.GetAsync(app, installationId, ct);
        }
        catch (ProviderApiException ex) when (ex.Kind == ProviderApiErrorKind.NotFound)
        {
            await using var conn = await db.OpenConnectionAsync(ct);
            await UninstalledInstallation.DisconnectAsync(conn, null, connectionId, installationId,
                "GitHub answered 404 to a new installation token (the installation.deleted delivery did not arrive)", clock.GetUtcNow(), ct);
            throw;
        }
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
