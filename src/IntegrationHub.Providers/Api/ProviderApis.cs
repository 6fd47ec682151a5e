using IntegrationHub.Providers.AzureDevOps;
using IntegrationHub.Providers.BitbucketCloud;
using IntegrationHub.Providers.BitbucketDataCenter;
using IntegrationHub.Providers.GitHub;
using IntegrationHub.Providers.GitLab;

namespace IntegrationHub.Providers.Api;

/// <summary>The hub gets the right client from data: provider kind plus the stored connection.</summary>
public static class ProviderApis
{
    /// <param name="http">A client from <c>IHttpClientFactory</c> (with the connection's CA bundle, if any); not disposed here. Its Timeout (headers and body together) and MaxResponseContentBufferSize (bytes of one answer, counted as read) bound every call.</param>
    public static IProviderApi Create(ProviderKind kind, HttpClient http, ProviderConnectionInfo connection, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(time);
        ApiTransport transport = new(http, ProviderDescriptors.For(kind), connection, time);
        return kind switch
        {
            ProviderKind.GitHub => new GitHubApiClient(transport),
            ProviderKind.GitLab => new GitLabApiClient(transport),
            ProviderKind.BitbucketCloud => new BitbucketCloudApiClient(transport),
            ProviderKind.BitbucketDataCenter => new BitbucketDataCenterApiClient(transport),
            ProviderKind.AzureDevOps => new AzureDevOpsApiClient(transport),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }
}
