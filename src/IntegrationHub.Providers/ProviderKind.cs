namespace IntegrationHub.Providers;

/// <summary>The five providers the hub speaks to. The slug is what URLs, settings and the CLI use.</summary>
public enum ProviderKind
{
    GitHub,
    GitLab,
    BitbucketCloud,
    BitbucketDataCenter,
    AzureDevOps,
}
