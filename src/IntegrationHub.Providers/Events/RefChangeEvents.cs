namespace IntegrationHub.Providers.Events;

/// <summary>
/// Turns one ref update (ref, old sha, new sha) into events, the same way for every provider: a new branch is
/// BranchCreated then Push (its commits were pushed too), a removed branch is BranchDeleted, a new or removed tag is
/// TagCreated or TagDeleted, anything else that moved is a Push. Providers write a missing side as forty zeros, or leave it
/// out. Created refs are keyed by their new sha and deleted ones by their old sha, so a ref deleted and created again is a
/// new event each time (see <see cref="NaturalKeys"/>).
/// </summary>
internal static class RefChangeEvents
{
    public const string HeadsPrefix = "refs/heads/";
    public const string TagsPrefix = "refs/tags/";

    public static IEnumerable<NormalizedEvent> From(EventContext context, string fullRef, string? before, string? after, string? htmlUrl)
    {
        string? oldSha = IsZero(before) ? null : before;
        string? newSha = IsZero(after) ? null : after;
        string repo = context.RepoId;
        var details = new EventDetails { Ref = fullRef, BeforeSha = oldSha, AfterSha = newSha };

        if (fullRef.StartsWith(TagsPrefix, StringComparison.Ordinal))
        {
            string tag = fullRef[TagsPrefix.Length..];
            if (oldSha is null && newSha is not null)
            {
                yield return context.Create(EventKind.TagCreated, NaturalKeys.TagCreated(repo, tag, newSha), details, htmlUrl);
                yield break;
            }

            if (newSha is null && oldSha is not null)
            {
                yield return context.Create(EventKind.TagDeleted, NaturalKeys.TagDeleted(repo, tag, oldSha), details, htmlUrl);
                yield break;
            }
        }
        else if (fullRef.StartsWith(HeadsPrefix, StringComparison.Ordinal))
        {
            string branch = fullRef[HeadsPrefix.Length..];
            if (newSha is null && oldSha is not null)
            {
                yield return context.Create(EventKind.BranchDeleted, NaturalKeys.BranchDeleted(repo, branch, oldSha), details, htmlUrl);
                yield break;
            }

            if (oldSha is null && newSha is not null)
            {
                yield return context.Create(EventKind.BranchCreated, NaturalKeys.BranchCreated(repo, branch, newSha), details, htmlUrl);
            }
        }

        if (newSha is not null)
        {
            yield return context.Create(EventKind.Push, NaturalKeys.Push(repo, fullRef, newSha), details, htmlUrl);
        }
    }

    public static bool IsZero(string? sha) => string.IsNullOrEmpty(sha) || sha.All(c => c == '0');
}
