namespace IntegrationHub.ProviderSim.GitHub;

internal enum GitHubGraphQlTokenKind
{
    Punctuator,
    Name,
    Int,
    Float,
    String,
    End,
}
