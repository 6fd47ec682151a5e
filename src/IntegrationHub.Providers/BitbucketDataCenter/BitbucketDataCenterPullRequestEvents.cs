using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.BitbucketDataCenter;

/// <summary>
/// Bitbucket Data Center pull request events from a pull request object, which the hooks' <c>pullRequest</c> and the REST
/// lists' items share, so the webhook and the poll key and describe them here alike. Declined and deleted both close
/// without merge, keyed by <c>closedDate</c> (a declined pull request can be reopened and declined again); a reopen is
/// keyed by its <c>updatedDate</c>; an update by the source commit, so <c>pr:modified</c> (title, description or target
/// changed) dedupes with the last update unless the commits changed too.
/// https://confluence.atlassian.com/bitbucketserver/event-payload-938025882.html#Eventpayload-Pullrequest
/// </summary>
internal static class BitbucketDataCenterPullRequestEvents
{
    /// <summary>Opened; credited to the author when the context names no actor (the opening is the author's own act).</summary>
    public static NormalizedEvent Opened(EventContext c, JsonElement pr)
    {
        long number = pr.RequireLong("id");
        return c.OrCredit(BitbucketDataCenterContext.User(pr.Get("author.user"))).Create(EventKind.PullRequestOpened, NaturalKeys.PullRequestOpened(c.RepoId, number),
            Details(pr, number), Url(pr), MentionParser.Parse(pr.Str("title"), pr.Str("description")));
    }

    public static NormalizedEvent Merged(EventContext c, JsonElement pr)
    {
        long number = pr.RequireLong("id");
        return c.Create(EventKind.PullRequestMerged, NaturalKeys.PullRequestMerged(c.RepoId, number), Details(pr, number), Url(pr));
    }

    /// <summary>Declined or deleted. <c>closedDate</c> is the same in the hook and the pull request list until the next decline; a deleted one has none.</summary>
    public static NormalizedEvent Closed(EventContext c, JsonElement pr)
    {
        long number = pr.RequireLong("id");
        return c.Create(EventKind.PullRequestClosed,
            NaturalKeys.PullRequestClosed(c.RepoId, number, pr.UnixDate("closedDate", milliseconds: true) ?? Updated(pr, c)), Details(pr, number), Url(pr));
    }

    public static NormalizedEvent Reopened(EventContext c, JsonElement pr)
    {
        long number = pr.RequireLong("id");
        return c.Create(EventKind.PullRequestOpened, NaturalKeys.PullRequestReopened(c.RepoId, number, Updated(pr, c)), Details(pr, number), Url(pr));
    }

    /// <summary>The source branch now at <paramref name="headSha"/> (the hook's <c>fromRef.latestCommit</c>, the poll's rescope).</summary>
    public static NormalizedEvent Updated(EventContext c, JsonElement pr, string headSha)
    {
        long number = pr.RequireLong("id");
        return c.Create(EventKind.PullRequestUpdated, NaturalKeys.PullRequestUpdated(c.RepoId, number, headSha),
            Details(pr, number) with { HeadSha = headSha }, Url(pr));
    }

    /// <summary>A comment, at its own creation time, credited to its author when the context names no actor.</summary>
    public static NormalizedEvent Commented(EventContext c, JsonElement pr, JsonElement comment)
    {
        long number = pr.RequireLong("id");
        string commentId = comment.RequireStr("id");
        string? text = comment.Str("text");
        return c.OrCredit(BitbucketDataCenterContext.User(comment.Get("author"))).Create(EventKind.CommentCreatedOnPullRequest, NaturalKeys.Comment(c.RepoId, commentId),
            Details(pr, number) with { CommentId = commentId, CommentExcerpt = Excerpts.Of(text) },
            Url(pr) is { } url ? $"{url}/overview?commentId={commentId}" : null, MentionParser.Parse(text),
            comment.UnixDate("createdDate", milliseconds: true));
    }

    private static EventDetails Details(JsonElement pr, long number) =>
        new() { Number = number, Title = pr.Text("title"), HeadSha = pr.Text("fromRef.latestCommit"), Ref = pr.Text("fromRef.id") };

    private static string? Url(JsonElement pr) => pr.Text("links.self.0.href");

    private static DateTimeOffset Updated(JsonElement pr, EventContext c) => pr.UnixDate("updatedDate", milliseconds: true) ?? c.OccurredAt;
}
