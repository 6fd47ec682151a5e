using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.GitLab;

/// <summary>
/// GitLab Note Hook: one event for comments on merge requests, issues, commits and snippets, told apart by
/// <c>object_attributes.noteable_type</c>. Snippet notes and edits (<c>action: update</c>) are not normalized.
/// https://docs.gitlab.com/user/project/integrations/webhook_events/#comment-events
/// </summary>
internal static class GitLabNoteNormalizer
{
    public static NormalizationResult Note(JsonElement root, DateTimeOffset receivedAt)
    {
        JsonElement note = root.Get("object_attributes") ?? throw new PayloadException("missing required field 'object_attributes'");
        string? action = note.Text("action");
        if (action is not (null or "create"))
        {
            return NormalizationResult.Ignore($"GitLab note action '{action}' is not normalized");
        }

        string? noteableType = note.Text("noteable_type");
        (EventKind kind, EventDetails details)? target = noteableType switch
        {
            "MergeRequest" => (EventKind.CommentCreatedOnPullRequest, new EventDetails
            {
                Number = root.RequireLong("merge_request.iid"),
                Title = root.Text("merge_request.title"),
                HeadSha = root.Text("merge_request.last_commit.id"),
            }),
            "Issue" => (EventKind.CommentCreatedOnIssue, new EventDetails
            {
                Number = root.RequireLong("issue.iid"),
                Title = root.Text("issue.title"),
            }),
            "Commit" => (EventKind.CommentCreatedOnCommit, new EventDetails
            {
                CommitSha = note.Text("commit_id") ?? root.Text("commit.id"),
            }),
            _ => null,
        };
        if (target is not { } t)
        {
            return NormalizationResult.Ignore($"GitLab notes on '{noteableType ?? "(none)"}' are not normalized");
        }

        EventContext context = GitLabEventNormalizer.Context(root, note.FirstDate("created_at", "updated_at") ?? receivedAt);
        string commentId = note.RequireStr("id");
        string? text = note.Str("note");
        return NormalizationResult.Of([context.Create(t.kind, NaturalKeys.Comment(context.RepoId, commentId),
            t.details with { CommentId = commentId, CommentExcerpt = Excerpts.Of(text) },
            note.Text("url"), MentionParser.Parse(text))]);
    }
}
