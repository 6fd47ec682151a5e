using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.AzureDevOps;
using IntegrationHub.Providers.BitbucketCloud;
using IntegrationHub.Providers.BitbucketDataCenter;
using IntegrationHub.Providers.GitHub;
using IntegrationHub.Providers.GitLab;

namespace IntegrationHub.Providers.Poll;

/// <summary>The poll reader for a provider and a connection, over the same transport the API clients use.</summary>
public static class PollReaders
{
    /// <param name="http">A client from <c>IHttpClientFactory</c>; not disposed here. Its Timeout (headers and body together) and MaxResponseContentBufferSize (bytes of one answer, counted as read) bound every call.</param>
    public static IPollReader Create(ProviderKind kind, HttpClient http, ProviderConnectionInfo connection, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(time);
        ApiTransport transport = new(http, ProviderDescriptors.For(kind), connection, time);
        return kind switch
        {
            ProviderKind.GitHub => new GitHubPollReader(transport),
            ProviderKind.GitLab => new GitLabPollReader(transport),
            ProviderKind.BitbucketCloud => new BitbucketCloudPollReader(transport),
            ProviderKind.BitbucketDataCenter => new BitbucketDataCenterPollReader(transport),
            ProviderKind.AzureDevOps => new AzureDevOpsPollReader(transport),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }
}
