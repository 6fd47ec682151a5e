using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.GitHub;

/// <summary>
/// A pull request's events from its facts, shared by the webhook (<see cref="GitHubPullRequestNormalizer"/>) and the poll
/// (the pulls list and the events feed), so both give one key, time, details and mentions. <paramref name="pr"/> is a
/// pull request object as both the hook and the REST API print it. The context's time is the fallback when the pull
/// request carries none of the times below (the delivery's receipt, the poll's item time).
/// A reopen and each closing are keyed by their time (<c>updated_at</c>, <c>closed_at</c>), so close, reopen, close is
/// three events. https://docs.github.com/en/webhooks/webhook-events-and-payloads#pull_request
/// </summary>
internal static class GitHubPullRequestEvents
{
    /// <summary>Where to look for the actor when a delivery has no sender: only an opening is known to be the author's own act.</summary>
    public static string[] ActorFallbacks(string? action) => action == "opened" ? ["pull_request.user.login"] : [];

    /// <summary>The <c>pull_request</c> actions that are events: opened, reopened, synchronize, closed (a merge is <c>closed</c> with <c>merged: true</c>).</summary>
    public static bool Handles(string? action) => action is "opened" or "reopened" or "synchronize" or "closed";

    /// <summary>
    /// The event a <c>pull_request</c> action stands for, null for actions that are none. <paramref name="after"/> keys a
    /// synchronize whose pull request names no head.
    /// </summary>
    public static NormalizedEvent? Of(EventContext c, string? action, JsonElement pr, long number, string? after) => !Handles(action) ? null : action switch
    {
        "opened" => Opened(c, pr, number),
        "reopened" => Reopened(c, pr, number),
        "synchronize" => Updated(c, pr, number, pr.Text("head.sha") ?? after ?? throw new PayloadException("missing required field 'after'")),
        _ => Closed(c, pr, number, pr.Bool("merged") == true),
    };

    public static NormalizedEvent Opened(EventContext c, JsonElement pr, long number) =>
        c.Create(EventKind.PullRequestOpened, NaturalKeys.PullRequestOpened(c.RepoId, number), Details(pr, number), pr.Text("html_url"),
            MentionParser.Parse(pr.Str("title"), pr.Str("body")), pr.FirstDate("created_at", "updated_at") ?? c.OccurredAt);

    /// <summary>Stamped <c>updated_at</c>, as the feed's copy of the same delivery is; mentions were counted at opening.</summary>
    public static NormalizedEvent Reopened(EventContext c, JsonElement pr, long number)
    {
        DateTimeOffset at = pr.Date("updated_at") ?? c.OccurredAt;
        return c.Create(EventKind.PullRequestOpened, NaturalKeys.PullRequestReopened(c.RepoId, number, at), Details(pr, number),
            pr.Text("html_url"), occurredAt: at);
    }

    /// <summary>Keyed by the new head, whether a hook's synchronize or the poll's moved head says it.</summary>
    public static NormalizedEvent Updated(EventContext c, JsonElement pr, long number, string headSha) =>
        c.Create(EventKind.PullRequestUpdated, NaturalKeys.PullRequestUpdated(c.RepoId, number, headSha), Details(pr, number),
            pr.Text("html_url"), occurredAt: pr.Date("updated_at") ?? c.OccurredAt);

    /// <summary>A merge at its merge time; a close without merge keyed by <c>closed_at</c>, the same in the hook and the pulls list until the next close.</summary>
    public static NormalizedEvent Closed(EventContext c, JsonElement pr, long number, bool merged)
    {
        DateTimeOffset at = (merged ? pr.FirstDate("merged_at", "closed_at", "updated_at") : pr.FirstDate("closed_at", "updated_at")) ?? c.OccurredAt;
        return merged
            ? c.Create(EventKind.PullRequestMerged, NaturalKeys.PullRequestMerged(c.RepoId, number), Details(pr, number), pr.Text("html_url"), occurredAt: at)
            : c.Create(EventKind.PullRequestClosed, NaturalKeys.PullRequestClosed(c.RepoId, number, at), Details(pr, number), pr.Text("html_url"), occurredAt: at);
    }

    private static EventDetails Details(JsonElement pr, long number) =>
        new() { Number = number, Title = pr.Text("title"), HeadSha = pr.Text("head.sha"), Ref = pr.Text("head.ref") };
}
