namespace IntegrationHub.Providers.AzureDevOps;

/// <summary>Azure DevOps list envelope: <c>{"count": n, "value": [...]}</c>.</summary>
internal sealed class AzureDevOpsListDto<T>
{
    public List<T> Value { get; init; } = [];
}
