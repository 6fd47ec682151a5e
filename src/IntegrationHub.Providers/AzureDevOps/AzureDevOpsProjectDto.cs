namespace IntegrationHub.Providers.AzureDevOps;

/// <summary>A project in <c>GET _apis/projects</c>. https://learn.microsoft.com/rest/api/azure/devops/core/projects/list</summary>
internal sealed class AzureDevOpsProjectDto
{
    public string Id { get; init; } = "";
    public string? Name { get; init; }
    public string? Visibility { get; init; }
}
