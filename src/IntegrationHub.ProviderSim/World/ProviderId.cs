namespace IntegrationHub.ProviderSim.World;

/// <summary>The five providers the simulator plays; each owns one base path on the shared port.</summary>
internal enum ProviderId
{
    GitHub,
    GitLab,
    BitbucketCloud,
    BitbucketDataCenter,
    AzureDevOps,
}
