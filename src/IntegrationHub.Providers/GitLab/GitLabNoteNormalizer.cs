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
        if (GitLabNoteEvents.Kind(noteableType) is not { } kind)
        {
            return NormalizationResult.Ignore($"GitLab notes on '{noteableType ?? "(none)"}' are not normalized");
        }

        // The commented merge request or issue is beside the note in the hook, under its own name.
        string? on = kind switch
        {
            EventKind.CommentCreatedOnPullRequest => "merge_request",
            EventKind.CommentCreatedOnIssue => "issue",
            _ => null,
        };
        long? number = on is null ? null : root.RequireLong($"{on}.iid");
        string? headSha = kind == EventKind.CommentCreatedOnPullRequest ? root.Text("merge_request.last_commit.id") : null;
        string? commitSha = kind == EventKind.CommentCreatedOnCommit ? note.Text("commit_id") ?? root.Text("commit.id") : null;
        EventContext context = GitLabEventNormalizer.Context(root, note.FirstDate("created_at", "updated_at") ?? receivedAt);
        return NormalizationResult.Of([GitLabNoteEvents.Comment(context, kind, number, on is null ? null : root.Text($"{on}.title"), headSha, commitSha,
            note.RequireStr("id"), note.Str("note"), note.Text("url"))]);
    }
}
