namespace IntegrationHub.ProviderSim.Http;

/// <summary>What a provider API write creates; each provider asks a different scope for each.</summary>
internal enum WriteKind
{
    PullComment,
    IssueComment,
    CommitComment,
    Status,
}
