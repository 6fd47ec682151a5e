using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.GitLab;

/// <summary>
/// The comment events of GitLab notes, from facts the Note Hook and the poll's events list both give: which noteables
/// are normalized, the key, the details and the mentions are decided here once.
/// https://docs.gitlab.com/user/project/integrations/webhook_events/#comment-events
/// </summary>
internal static class GitLabNoteEvents
{
    /// <summary>The event kind of a note on this noteable; null for those not normalized (snippets).</summary>
    public static EventKind? Kind(string? noteableType) => noteableType switch
    {
        "MergeRequest" => EventKind.CommentCreatedOnPullRequest,
        "Issue" => EventKind.CommentCreatedOnIssue,
        "Commit" => EventKind.CommentCreatedOnCommit,
        _ => null,
    };

    /// <param name="c">The note's context, at its creation time.</param>
    /// <param name="kind">From <see cref="Kind"/>.</param>
    /// <param name="number">The merge request's or issue's iid; unused for a commit.</param>
    /// <param name="title">The merge request's or issue's title.</param>
    /// <param name="headSha">The merge request's head, when known.</param>
    /// <param name="commitSha">The commented commit.</param>
    /// <param name="commentId">The note's id.</param>
    /// <param name="text">The note's body.</param>
    /// <param name="url">The note's page, when known.</param>
    public static NormalizedEvent Comment(EventContext c, EventKind kind, long? number, string? title, string? headSha, string? commitSha,
        string commentId, string? text, string? url)
    {
        EventDetails target = kind == EventKind.CommentCreatedOnCommit
            ? new EventDetails { CommitSha = commitSha }
            : new EventDetails { Number = number, Title = title, HeadSha = headSha };
        return c.Create(kind, NaturalKeys.Comment(c.RepoId, commentId),
            target with { CommentId = commentId, CommentExcerpt = Excerpts.Of(text) }, url, MentionParser.Parse(text));
    }
}
