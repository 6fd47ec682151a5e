using IntegrationHub.ProviderSim.AzureDevOps;
using IntegrationHub.ProviderSim.BitbucketCloud;
using IntegrationHub.ProviderSim.BitbucketDataCenter;
using IntegrationHub.ProviderSim.GitHub;
using IntegrationHub.ProviderSim.GitLab;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim;

/// <summary>
/// The providers the simulator plays: the one place that names them all, so adding one is its folder plus a line here.
/// The order is the order <c>/_sim/state</c> lists them in.
/// </summary>
internal static class SimProviders
{
    public static IReadOnlyList<ISimulatedProvider> All { get; } =
    [
        new GitHubProvider(),
        new GitLabProvider(),
        new BitbucketCloudProvider(),
        new BitbucketDataCenterProvider(),
        new AzureDevOpsProvider(),
    ];
}
