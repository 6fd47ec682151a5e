namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>One lexical token of a GraphQL document, with its 1-based line and column for error locations.</summary>
internal sealed record GitHubGraphQlToken(GitHubGraphQlTokenKind Kind, string Text, int Line, int Column);
