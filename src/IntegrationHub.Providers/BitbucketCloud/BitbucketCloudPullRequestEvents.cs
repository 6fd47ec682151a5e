using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.BitbucketCloud;

/// <summary>
/// Bitbucket Cloud pull request events from a pull request object, which the hook's <c>pullrequest</c> and the REST
/// list's items share, so the webhook and the poll key, time and describe them here alike. The opening takes the pull
/// request's creation time and every later transition its <c>updated_on</c>; the context's time is the fallback.
/// https://developer.atlassian.com/cloud/bitbucket/rest/api-group-pullrequests/
/// </summary>
internal static class BitbucketCloudPullRequestEvents
{
    /// <summary>Opened; credited to the author when the context names no actor (the opening is the author's own act).</summary>
    public static NormalizedEvent Created(EventContext c, JsonElement pr)
    {
        long number = pr.RequireLong("id");
        return c.OrCredit(BitbucketCloudContext.User(pr.Get("author"))).Create(EventKind.PullRequestOpened, NaturalKeys.PullRequestOpened(c.RepoId, number),
            Details(pr, number), Url(pr), MentionParser.Parse(pr.Str("title"), pr.Str("description")), pr.FirstDate("created_on", "updated_on"));
    }

    /// <summary>
    /// New commits on the source branch, keyed by the source commit: edits that add no commit share the key of the last
    /// real update and dedupe away.
    /// </summary>
    public static NormalizedEvent Updated(EventContext c, JsonElement pr)
    {
        long number = pr.RequireLong("id");
        string headSha = pr.Text("source.commit.hash") ?? throw new PayloadException("missing required field 'pullrequest.source.commit.hash'");
        return c.Create(EventKind.PullRequestUpdated, NaturalKeys.PullRequestUpdated(c.RepoId, number, headSha), Details(pr, number), Url(pr),
            occurredAt: pr.Date("updated_on"));
    }

    /// <summary>Merged; a merge without an actor stays unattributed.</summary>
    public static NormalizedEvent Fulfilled(EventContext c, JsonElement pr)
    {
        long number = pr.RequireLong("id");
        return c.Create(EventKind.PullRequestMerged, NaturalKeys.PullRequestMerged(c.RepoId, number), Details(pr, number), Url(pr),
            occurredAt: pr.Date("updated_on"));
    }

    /// <summary>
    /// Declined. A declined pull request cannot be reopened on Bitbucket Cloud (https://bitbucket.org/site/master/issues/4954,
    /// "Won't Fix"), and its <c>updated_on</c> moves with every later comment: the decline keeps no time in its key.
    /// </summary>
    public static NormalizedEvent Rejected(EventContext c, JsonElement pr)
    {
        long number = pr.RequireLong("id");
        return c.Create(EventKind.PullRequestClosed, NaturalKeys.PullRequestClosed(c.RepoId, number, null), Details(pr, number), Url(pr),
            occurredAt: pr.Date("updated_on"));
    }

    /// <summary>What a comment on the pull request says of it: number, title and source commit.</summary>
    public static EventDetails Target(JsonElement pr) =>
        new() { Number = pr.RequireLong("id"), Title = pr.Text("title"), HeadSha = pr.Text("source.commit.hash") };

    private static EventDetails Details(JsonElement pr, long number) =>
        new()
        {
            Number = number,
            Title = pr.Text("title"),
            HeadSha = pr.Text("source.commit.hash"),
            Ref = pr.Text("source.branch.name") is { } branch ? RefChangeEvents.HeadsPrefix + branch : null,
        };

    private static string? Url(JsonElement pr) => pr.Text("links.html.href");
}
