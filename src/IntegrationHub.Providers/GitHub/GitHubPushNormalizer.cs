using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.GitHub;

/// <summary>
/// GitHub <c>push</c>, <c>create</c> and <c>delete</c>. A new branch arrives twice (push with <c>created</c>, and create);
/// both yield the same BranchCreated natural key, so the hub keeps one.
/// https://docs.github.com/en/webhooks/webhook-events-and-payloads#push
/// </summary>
internal static class GitHubPushNormalizer
{
    public static NormalizationResult Push(JsonElement root, DateTimeOffset receivedAt)
    {
        // In push payloads repository.pushed_at is Unix seconds: the push's own time. head_commit.timestamp is when the
        // commit was authored, which may be long before it was pushed.
        DateTimeOffset occurredAt = root.UnixDate("repository.pushed_at", milliseconds: false)
            ?? root.Date("head_commit.timestamp")
            ?? receivedAt;
        EventContext context = GitHubEventNormalizer.Context(root, occurredAt);
        string fullRef = root.RequireStr("ref");
        string? htmlUrl = root.Text("compare") ?? root.Text("head_commit.url");
        return NormalizationResult.Of(
            RefChangeEvents.From(context, fullRef, root.Str("before"), root.Str("after"), htmlUrl).ToList());
    }

    /// <summary><c>create</c>/<c>delete</c> carry the short ref name and no sha and no time.</summary>
    public static NormalizationResult CreateOrDelete(JsonElement root, DateTimeOffset receivedAt, bool created)
    {
        EventContext context = GitHubEventNormalizer.Context(root, receivedAt);
        string name = root.RequireStr("ref");
        string refType = root.RequireStr("ref_type");
        string repo = context.RepoId;
        string? repoUrl = context.Repository.HtmlUrl;
        NormalizedEvent? e = (refType, created) switch
        {
            ("branch", true) => context.Create(EventKind.BranchCreated, NaturalKeys.BranchCreated(repo, name),
                new EventDetails { Ref = RefChangeEvents.HeadsPrefix + name }, repoUrl is null ? null : $"{repoUrl}/tree/{name}"),
            ("branch", false) => context.Create(EventKind.BranchDeleted, NaturalKeys.BranchDeleted(repo, name, null),
                new EventDetails { Ref = RefChangeEvents.HeadsPrefix + name }, repoUrl),
            ("tag", true) => context.Create(EventKind.TagCreated, NaturalKeys.TagCreated(repo, name),
                new EventDetails { Ref = RefChangeEvents.TagsPrefix + name }, repoUrl is null ? null : $"{repoUrl}/releases/tag/{name}"),
            ("tag", false) => context.Create(EventKind.TagDeleted, NaturalKeys.TagDeleted(repo, name),
                new EventDetails { Ref = RefChangeEvents.TagsPrefix + name }, repoUrl),
            _ => null,
        };
        return e is null
            ? NormalizationResult.Ignore($"GitHub ref_type '{refType}' is not normalized")
            : NormalizationResult.Of([e]);
    }
}
