namespace IntegrationHub.ProviderSim.World;

/// <summary>
/// A comment (GitLab: note) on a pull request or an issue. Azure DevOps keeps comments in threads: <see cref="ThreadId"/>
/// names the thread (the first comment's thread is new) and <see cref="InThread"/> numbers the comment inside it from 1,
/// as Azure does. The other providers use the global <see cref="Id"/> only. A comment on a commit (kept in
/// <see cref="SimRepo.CommitComments"/>) has <see cref="CommitSha"/> set and no target number.
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
    /// <summary>The commit a commit comment is on; null for pull request and issue comments.</summary>
    public string? CommitSha { get; init; }
    /// <summary>GitHub commit comments: the file the comment is on, if any.</summary>
    public string? Path { get; init; }
}
