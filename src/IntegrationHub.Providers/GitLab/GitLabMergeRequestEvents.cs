using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.GitLab;

/// <summary>
/// The merge request events, from facts the Merge Request Hook and the poll's lists both give: the hook and the poll
/// call this one place, so their natural keys, details and mentions cannot drift apart.
/// <paramref name="action"/> is the hook's: open, reopen, merge, close, or update with new commits. A reopen and a close
/// are keyed by the context's time (<see cref="GitLabTimes"/> for the hook).
/// https://docs.gitlab.com/user/project/integrations/webhook_events/#merge-request-events
/// </summary>
internal static class GitLabMergeRequestEvents
{
    public static NormalizedEvent Create(EventContext c, string action, long number, string? title, string? description,
        string? headSha, string? sourceBranch, string? url)
    {
        string repo = c.RepoId;
        var details = new EventDetails { Number = number, Title = title, HeadSha = headSha, Ref = Heads(sourceBranch) };
        return action switch
        {
            "open" => c.Create(EventKind.PullRequestOpened, NaturalKeys.PullRequestOpened(repo, number), details, url,
                MentionParser.Parse(title, description)),
            "reopen" => c.Create(EventKind.PullRequestOpened, NaturalKeys.PullRequestReopened(repo, number, c.OccurredAt), details, url),
            "merge" => c.Create(EventKind.PullRequestMerged, NaturalKeys.PullRequestMerged(repo, number), details, url),
            "close" => c.Create(EventKind.PullRequestClosed, NaturalKeys.PullRequestClosed(repo, number, c.OccurredAt), details, url),
            _ => c.Create(EventKind.PullRequestUpdated,
                NaturalKeys.PullRequestUpdated(repo, number, headSha ?? throw new PayloadException("missing required field 'object_attributes.last_commit.id'")),
                details, url),
        };
    }

    internal static string? Heads(string? branch) => branch is null ? null : RefChangeEvents.HeadsPrefix + branch;
}
