using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.GitHub;

/// <summary>
/// An issue's events from its facts, shared by the webhook (<see cref="GitHubIssueNormalizer"/>) and the poll (the issues
/// list and the events feed). <paramref name="issue"/> is an issue object as both the hook and the REST API print it; the
/// context's time is the fallback when it carries none of the times below.
/// https://docs.github.com/en/webhooks/webhook-events-and-payloads#issues
/// </summary>
internal static class GitHubIssueEvents
{
    /// <summary>Where to look for the actor when a delivery has no sender: only an opening is known to be the author's own act.</summary>
    public static string[] ActorFallbacks(string? action) => action == "opened" ? ["issue.user.login"] : [];

    /// <summary>The <c>issues</c> actions that are events.</summary>
    public static bool Handles(string? action) => action is "opened" or "reopened" or "closed";

    /// <summary>The event an <c>issues</c> action stands for, null for actions that are none.</summary>
    public static NormalizedEvent? Of(EventContext c, string? action, JsonElement issue, long number) => !Handles(action) ? null : action switch
    {
        "closed" => Closed(c, issue, number),
        "reopened" => Reopened(c, issue, number),
        _ => Opened(c, issue, number),
    };

    public static NormalizedEvent Opened(EventContext c, JsonElement issue, long number) =>
        c.Create(EventKind.IssueOpened, NaturalKeys.IssueOpened(c.RepoId, number), Details(issue, number), issue.Text("html_url"),
            MentionParser.Parse(issue.Str("title"), issue.Str("body")), issue.FirstDate("created_at", "updated_at") ?? c.OccurredAt);

    /// <summary>Keyed by <c>closed_at</c>, the same in the hook and in the issues list until the next close.</summary>
    public static NormalizedEvent Closed(EventContext c, JsonElement issue, long number)
    {
        DateTimeOffset at = issue.FirstDate("closed_at", "updated_at") ?? c.OccurredAt;
        return c.Create(EventKind.IssueClosed, NaturalKeys.IssueClosed(c.RepoId, number, at), Details(issue, number), issue.Text("html_url"), occurredAt: at);
    }

    /// <summary>A reopen is stamped <c>updated_at</c>.</summary>
    public static NormalizedEvent Reopened(EventContext c, JsonElement issue, long number)
    {
        DateTimeOffset at = issue.Date("updated_at") ?? c.OccurredAt;
        return c.Create(EventKind.IssueOpened, NaturalKeys.IssueReopened(c.RepoId, number, at), Details(issue, number), issue.Text("html_url"), occurredAt: at);
    }

    private static EventDetails Details(JsonElement issue, long number) => new() { Number = number, Title = issue.Text("title") };
}
