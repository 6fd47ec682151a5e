using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.GitLab;

/// <summary>
/// The issue events (open, reopen, close), from facts the Issue Hook and the poll's events list both give, so both
/// routes key them in one place. A reopen and a close are keyed by the context's time.
/// https://docs.gitlab.com/user/project/integrations/webhook_events/#issue-events
/// </summary>
internal static class GitLabIssueEvents
{
    public static NormalizedEvent Create(EventContext c, string action, long number, string? title, string? description, string? url)
    {
        var details = new EventDetails { Number = number, Title = title };
        return action switch
        {
            "close" => c.Create(EventKind.IssueClosed, NaturalKeys.IssueClosed(c.RepoId, number, c.OccurredAt), details, url),
            "reopen" => c.Create(EventKind.IssueOpened, NaturalKeys.IssueReopened(c.RepoId, number, c.OccurredAt), details, url),
            _ => c.Create(EventKind.IssueOpened, NaturalKeys.IssueOpened(c.RepoId, number), details, url, MentionParser.Parse(title, description)),
        };
    }
}
