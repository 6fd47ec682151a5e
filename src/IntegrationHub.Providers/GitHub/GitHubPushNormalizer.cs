using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.GitHub;

/// <summary>
/// GitHub <c>push</c>, <c>create</c> and <c>delete</c>. A new branch arrives twice (push with <c>created</c>, and create);
/// only the push names the sha that keys the BranchCreated, so the create is ignored.
/// https://docs.github.com/en/webhooks/webhook-events-and-payloads#push
/// </summary>
internal static class GitHubPushNormalizer
{
    public static NormalizationResult Push(JsonElement root, Func<string[], EventContext> context)
    {
        // In push payloads repository.pushed_at is Unix seconds: the push's own time. head_commit.timestamp is when the
        // commit was authored, which may be long before it was pushed.
        // Every other event prints repository.pushed_at as ISO 8601; a push body carrying that shape is read too.
        DateTimeOffset? occurredAt = root.UnixDate("repository.pushed_at", milliseconds: false)
            ?? root.Date("repository.pushed_at")
            ?? root.Date("head_commit.timestamp");
        EventContext c = context([]);
        c = c with { OccurredAt = occurredAt ?? c.OccurredAt };
        string fullRef = root.RequireStr("ref");
        string? htmlUrl = root.Text("compare") ?? root.Text("head_commit.url");
        return NormalizationResult.Of(
            RefChangeEvents.From(c, fullRef, root.Str("before"), root.Str("after"), htmlUrl).ToList());
    }

    /// <summary>
    /// <c>create</c>/<c>delete</c> carry the short ref name and no sha and no time, so they cannot be keyed per occurrence
    /// (a branch re-created is a new event, told apart by its sha). GitHub sends a <c>push</c> for the same ref change
    /// (<c>created</c>/<c>deleted</c>, with before and after), and the poll's branch heads and feed pushes carry the shas
    /// too: that push is the event, this one is acknowledged and ignored.
    /// https://docs.github.com/en/webhooks/webhook-events-and-payloads#push
    /// </summary>
    public static NormalizationResult CreateOrDelete(JsonElement root, bool created)
    {
        string refType = root.RequireStr("ref_type");
        _ = root.RequireStr("ref");
        return NormalizationResult.Ignore(refType is "branch" or "tag"
            ? $"GitHub '{(created ? "create" : "delete")}' carries no sha; the push GitHub sends for the same {refType} is normalized instead"
            : $"GitHub ref_type '{refType}' is not normalized");
    }
}
