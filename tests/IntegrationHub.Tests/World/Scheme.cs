namespace IntegrationHub.Tests.World;

/// <summary>How a provider authenticates a delivery; GitLab has two ways (clear token, and signing tokens).</summary>
public enum Scheme
{
    GitHub,
    GitLabToken,
    GitLabSigning,
    BitbucketCloud,
    BitbucketDataCenter,
    AzureDevOps,
}
