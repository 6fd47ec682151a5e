using System.Globalization;

namespace IntegrationHub.Providers.Events;

/// <summary>
/// Builds the natural keys that identify a real-world event across webhook and poll. The poll readers build the same
/// keys from REST responses (each provider's event builders serve both its webhook normalizer and its poll reader), so this
/// scheme is a contract: change it only together with them, and never for stored rows.
/// <c>{repo}</c> is <see cref="EventRepository.ExternalId"/>.
/// </summary>
/// <remarks>
/// The event store keeps the first row per key (ON CONFLICT DO NOTHING), so a key must differ for every real occurrence
/// yet be derivable from what both the hook and the REST API show. Things that happen once (a pull request or issue
/// opened, a merge, a comment, a finished run) need only their id. Things that can happen again carry what tells the
/// occurrences apart:
/// <list type="bullet">
/// <item>a branch or tag created: the sha it was created at; deleted: the sha it pointed to (the hooks' after/before,
/// the poll's new and vanished heads). A ref deleted and re-created at the very same commit is one event: no value
/// both sides see tells those apart.</item>
/// <item>a pull request or issue closed (declined, abandoned) or reopened: the provider's own time of that transition
/// (<see cref="Instant"/>: UTC, whole seconds, because GitLab's hooks print seconds where its API prints milliseconds),
/// taken from the field both the hook and the REST list carry: GitHub <c>closed_at</c> (reopen: <c>updated_at</c>),
/// GitLab <c>closed_at</c> else <c>updated_at</c> (the hook has only <c>updated_at</c>; the poll reads the list's <c>closed_at</c>), Bitbucket Data Center
/// <c>closedDate</c> (else <c>updatedDate</c>), Azure DevOps <c>closedDate</c>. Bitbucket Cloud cannot reopen a declined
/// pull request and its only time, <c>updated_on</c>, moves with every later comment, so its decline keeps no time.</item>
/// </list>
/// </remarks>
/// <example>
/// <c>186853002:push:refs/heads/main:6113728f…</c>, <c>15:branch-created:feature/x:6113728f…</c>,
/// <c>{673a6070-…}:pr:1:updated:d3022fc0ca3d</c>, <c>186853002:pr:2:closed:20190515T152118Z</c>,
/// <c>4bc14d40-…:comment:1/5/2</c>, <c>1:pipeline:31:completed</c>.
/// </example>
public static class NaturalKeys
{
    /// <summary><c>{repo}:push:{ref}:{afterSha}</c></summary>
    public static string Push(string repo, string fullRef, string afterSha) => $"{repo}:push:{fullRef}:{afterSha}";

    /// <summary><c>{repo}:branch-created:{branchName}:{headSha}</c>: a branch re-created at another commit is a new event.</summary>
    public static string BranchCreated(string repo, string branch, string headSha) => $"{repo}:branch-created:{branch}:{headSha}";

    /// <summary><c>{repo}:branch-deleted:{branchName}:{beforeSha}</c></summary>
    public static string BranchDeleted(string repo, string branch, string beforeSha) => $"{repo}:branch-deleted:{branch}:{beforeSha}";

    /// <summary><c>{repo}:tag-created:{tag}:{sha}</c>: a tag moved (deleted and pushed again elsewhere) is a new event.</summary>
    public static string TagCreated(string repo, string tag, string sha) => $"{repo}:tag-created:{tag}:{sha}";

    /// <summary><c>{repo}:tag-deleted:{tag}:{beforeSha}</c></summary>
    public static string TagDeleted(string repo, string tag, string beforeSha) => $"{repo}:tag-deleted:{tag}:{beforeSha}";

    /// <summary><c>{repo}:pr:{number}:opened</c>: a pull request is opened once; see <see cref="PullRequestReopened"/>.</summary>
    public static string PullRequestOpened(string repo, long number) => $"{repo}:pr:{N(number)}:opened";

    /// <summary><c>{repo}:pr:{number}:reopened:{at}</c> (kind PullRequestOpened, key distinct from the first opening).</summary>
    public static string PullRequestReopened(string repo, long number, DateTimeOffset at) => $"{repo}:pr:{N(number)}:reopened:{Instant(at)}";

    /// <summary><c>{repo}:pr:{number}:updated:{headSha}</c></summary>
    public static string PullRequestUpdated(string repo, long number, string headSha) =>
        $"{repo}:pr:{N(number)}:updated:{headSha}";

    /// <summary><c>{repo}:pr:{number}:merged</c>: a pull request is merged at most once.</summary>
    public static string PullRequestMerged(string repo, long number) => $"{repo}:pr:{N(number)}:merged";

    /// <summary>
    /// <c>{repo}:pr:{number}:closed:{at}</c> (closed without merge), <c>{at}</c> the provider's time of this closing; plain
    /// <c>{repo}:pr:{number}:closed</c> where a close is final and no stable time exists (Bitbucket Cloud declines).
    /// </summary>
    public static string PullRequestClosed(string repo, long number, DateTimeOffset? at) =>
        at is { } t ? $"{repo}:pr:{N(number)}:closed:{Instant(t)}" : $"{repo}:pr:{N(number)}:closed";

    /// <summary><c>{repo}:comment:{commentId}</c></summary>
    public static string Comment(string repo, string commentId) => $"{repo}:comment:{commentId}";

    /// <summary><c>{repo}:issue:{number}:opened</c>: an issue is opened once; see <see cref="IssueReopened"/>.</summary>
    public static string IssueOpened(string repo, long number) => $"{repo}:issue:{N(number)}:opened";

    /// <summary><c>{repo}:issue:{number}:reopened:{at}</c> (kind IssueOpened, key distinct from the first opening).</summary>
    public static string IssueReopened(string repo, long number, DateTimeOffset at) => $"{repo}:issue:{N(number)}:reopened:{Instant(at)}";

    /// <summary><c>{repo}:issue:{number}:closed:{at}</c>, <c>{at}</c> the provider's time of this closing.</summary>
    public static string IssueClosed(string repo, long number, DateTimeOffset at) => $"{repo}:issue:{N(number)}:closed:{Instant(at)}";

    /// <summary><c>{repo}:pipeline:{runId}:completed</c></summary>
    public static string PipelineCompleted(string repo, string runId) => $"{repo}:pipeline:{runId}:completed";

    /// <summary><c>{repo}:status:{sha}:{context}:{state}</c>; the state is lower-cased so its provider casing never splits a key.</summary>
    public static string CommitStatus(string repo, string sha, string context, string state) =>
        $"{repo}:status:{sha}:{context}:{state.ToLowerInvariant()}";

    /// <summary>
    /// A transition time in keys: UTC, truncated to whole seconds (<c>yyyyMMddTHHmmssZ</c>, no colons), because GitLab's
    /// hooks print <c>2021-09-27 05:01:21 UTC</c> where its API prints <c>2021-09-27T05:01:21.123Z</c>.
    /// </summary>
    public static string Instant(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string N(long number) => number.ToString(CultureInfo.InvariantCulture);
}
