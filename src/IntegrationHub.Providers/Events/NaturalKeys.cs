using System.Globalization;

namespace IntegrationHub.Providers.Events;

/// <summary>
/// Builds the natural keys that identify a real-world event across webhook and poll. The poll readers build the same
/// keys from REST responses, so this scheme is a contract: change it only together with them, and never for stored rows.
/// <c>{repo}</c> is <see cref="EventRepository.ExternalId"/>.
/// </summary>
/// <example>
/// <c>186853002:push:refs/heads/main:6113728f…</c>, <c>15:branch-created:feature/x</c>,
/// <c>{673a6070-…}:pr:1:updated:d3022fc0ca3d</c>, <c>4bc14d40-…:comment:1/5/2</c>, <c>1:pipeline:31:completed</c>.
/// </example>
public static class NaturalKeys
{
    /// <summary><c>{repo}:push:{ref}:{afterSha}</c></summary>
    public static string Push(string repo, string fullRef, string afterSha) => $"{repo}:push:{fullRef}:{afterSha}";

    /// <summary><c>{repo}:branch-created:{branchName}</c></summary>
    public static string BranchCreated(string repo, string branch) => $"{repo}:branch-created:{branch}";

    /// <summary><c>{repo}:branch-deleted:{branchName}:{beforeSha or empty}</c></summary>
    public static string BranchDeleted(string repo, string branch, string? beforeSha) =>
        $"{repo}:branch-deleted:{branch}:{beforeSha ?? string.Empty}";

    /// <summary><c>{repo}:tag-created:{tag}</c></summary>
    public static string TagCreated(string repo, string tag) => $"{repo}:tag-created:{tag}";

    /// <summary><c>{repo}:tag-deleted:{tag}</c></summary>
    public static string TagDeleted(string repo, string tag) => $"{repo}:tag-deleted:{tag}";

    /// <summary><c>{repo}:pr:{number}:opened</c> (a reopen has the same key).</summary>
    public static string PullRequestOpened(string repo, long number) => $"{repo}:pr:{N(number)}:opened";

    /// <summary><c>{repo}:pr:{number}:updated:{headSha}</c></summary>
    public static string PullRequestUpdated(string repo, long number, string headSha) =>
        $"{repo}:pr:{N(number)}:updated:{headSha}";

    /// <summary><c>{repo}:pr:{number}:merged</c></summary>
    public static string PullRequestMerged(string repo, long number) => $"{repo}:pr:{N(number)}:merged";

    /// <summary><c>{repo}:pr:{number}:closed</c> (closed without merge).</summary>
    public static string PullRequestClosed(string repo, long number) => $"{repo}:pr:{N(number)}:closed";

    /// <summary><c>{repo}:comment:{commentId}</c></summary>
    public static string Comment(string repo, string commentId) => $"{repo}:comment:{commentId}";

    /// <summary><c>{repo}:issue:{number}:opened</c> (a reopen has the same key).</summary>
    public static string IssueOpened(string repo, long number) => $"{repo}:issue:{N(number)}:opened";

    /// <summary><c>{repo}:issue:{number}:closed</c></summary>
    public static string IssueClosed(string repo, long number) => $"{repo}:issue:{N(number)}:closed";

    /// <summary><c>{repo}:pipeline:{runId}:completed</c></summary>
    public static string PipelineCompleted(string repo, string runId) => $"{repo}:pipeline:{runId}:completed";

    /// <summary><c>{repo}:status:{sha}:{context}:{state}</c>; the state is lower-cased so its provider casing never splits a key.</summary>
    public static string CommitStatus(string repo, string sha, string context, string state) =>
        $"{repo}:status:{sha}:{context}:{state.ToLowerInvariant()}";

    /// <summary>
    /// Azure DevOps comment ids count from 1 inside each thread, so the key's comment id there is
    /// <c>{pullRequestId}/{threadId}/{commentId}</c>, which the threads API also yields.
    /// </summary>
    public static string AzureCommentId(long pullRequestId, string? threadId, string commentId) =>
        $"{N(pullRequestId)}/{threadId ?? "-"}/{commentId}";

    private static string N(long number) => number.ToString(CultureInfo.InvariantCulture);
}
