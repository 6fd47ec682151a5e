using IntegrationHub.Connect;
using IntegrationHub.Providers;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Poll;
using IntegrationHub.Secrets;

namespace IntegrationHub.Poll;

/// <summary>The poll reader for a claimed repository's connection, over the same named HttpClient as the API clients.</summary>
internal sealed class PollReaderFactory(IHttpClientFactory http, ISecretProtector secrets, TimeProvider clock)
{
    public IPollReader For(PollTarget target)
    {
        if (!ProviderSlugs.TryParse(target.Provider, out ProviderKind kind))
        {
            throw new InvalidOperationException($"Unknown provider '{target.Provider}'.");
        }

        string token = target.AccessTokenProtected is { } p ? secrets.Unprotect(p) : string.Empty;
        var info = new ProviderConnectionInfo(new Uri(target.BaseUrl), token) { ProjectKey = target.ProjectKey, RepositorySlug = target.RepositorySlug };
        return PollReaders.Create(kind, http.CreateClient(ConnectionApis.HttpClientName), info, clock);
    }
}
