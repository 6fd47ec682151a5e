namespace IntegrationHub.ProviderSim.World;

/// <summary>
/// A comment (GitLab: note) on a pull request or an issue. Azure DevOps keeps comments in threads: <see cref="ThreadId"/>
/// names the thread (the first comment's thread is new) and <see cref="InThread"/> numbers the comment inside it from 1,
/// as Azure does. The other providers use the global <see cref="Id"/> only.
/// </summary>
internal sealed record SimComment(
    long Id,
    bool OnPull,
    int TargetNumber,
    long AuthorId,
    string Body,
    DateTimeOffset CreatedAt)
{
    public long ThreadId { get; init; }
    public int InThread { get; init; } = 1;
    /// <summary>Azure <c>parentCommentId</c>: 0 for a thread's first comment, else the comment it replies to.</summary>
    public int ParentInThread { get; init; }
}
