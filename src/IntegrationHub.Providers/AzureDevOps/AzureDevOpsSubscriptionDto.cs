namespace IntegrationHub.Providers.AzureDevOps;

/// <summary>A service-hook subscription. https://learn.microsoft.com/rest/api/azure/devops/hooks/subscriptions/get</summary>
internal sealed class AzureDevOpsSubscriptionDto
{
    public string Id { get; init; } = "";

    /// <summary>enabled, onProbation, disabledByUser, disabledBySystem, disabledByInactiveIdentity.</summary>
    public string? Status { get; init; }

    public string EventType { get; init; } = "";
    public Dictionary<string, string?> PublisherInputs { get; init; } = [];
    public Dictionary<string, string?> ConsumerInputs { get; init; } = [];

    public string? Repository => PublisherInputs.GetValueOrDefault("repository");
    public string? Url => ConsumerInputs.GetValueOrDefault("url");
}
