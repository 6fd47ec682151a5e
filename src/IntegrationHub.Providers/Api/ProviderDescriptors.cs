using IntegrationHub.Providers.AzureDevOps;
using IntegrationHub.Providers.BitbucketCloud;
using IntegrationHub.Providers.BitbucketDataCenter;
using IntegrationHub.Providers.GitHub;
using IntegrationHub.Providers.GitLab;

namespace IntegrationHub.Providers.Api;

public static class ProviderDescriptors
{
    public static IReadOnlyList<ProviderDescriptor> All { get; } =
    [
        GitHubDescriptor.Instance,
        GitLabDescriptor.Instance,
        BitbucketCloudDescriptor.Instance,
        BitbucketDataCenterDescriptor.Instance,
        AzureDevOpsDescriptor.Instance,
    ];

    public static ProviderDescriptor For(ProviderKind kind) => kind switch
    {
        ProviderKind.GitHub => GitHubDescriptor.Instance,
        ProviderKind.GitLab => GitLabDescriptor.Instance,
        ProviderKind.BitbucketCloud => BitbucketCloudDescriptor.Instance,
        ProviderKind.BitbucketDataCenter => BitbucketDataCenterDescriptor.Instance,
        ProviderKind.AzureDevOps => AzureDevOpsDescriptor.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
