using IntegrationHub.Providers;
using IntegrationHub.Providers.Api;
using IntegrationHub.Secrets;

namespace IntegrationHub.Connect;

internal sealed class ConnectionApis(IHttpClientFactory http, ISecretProtector secrets, TimeProvider clock) : IConnectionApis
{
    public const string HttpClientName = "providers";

    public Task<IProviderApi> ForAsync(Connection connection, CancellationToken ct)
    {
        if (!ProviderSlugs.TryParse(connection.Provider, out var kind))
        {
            throw new InvalidOperationException($"Unknown provider '{connection.Provider}'.");
        }

        string token = connection.AccessTokenProtected is { } p ? secrets.Unprotect(p) : "";
        var info = new ProviderConnectionInfo(new Uri(connection.BaseUrl), token)
        {
            ProjectKey = connection.ProjectKey,
            RepositorySlug = connection.RepositorySlug,
        };
        return Task.FromResult(ProviderApis.Create(kind, http.CreateClient(HttpClientName), info, clock));
    }
}
