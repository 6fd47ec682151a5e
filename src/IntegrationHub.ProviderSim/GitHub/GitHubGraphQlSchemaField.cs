namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>A field of <see cref="GitHubGraphQlSchema"/>: its object type (null: a scalar), connection or not, arguments.</summary>
internal sealed record GitHubGraphQlSchemaField(string? Type, bool IsConnection, string[] Arguments, string[] Required);
