namespace IntegrationHub.ProviderSim.World;

/// <summary>A comment (GitLab: note; Azure: a thread's first comment) on a pull request or an issue.</summary>
internal sealed record SimComment(
    long Id,
    bool OnPull,
    int TargetNumber,
    long AuthorId,
    string Body,
    DateTimeOffset CreatedAt);
