using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.BitbucketDataCenter;

/// <summary>
/// Bitbucket Data Center pull requests. <c>pr:from_ref_updated</c> means new commits on the source branch;
/// <c>pr:modified</c> (title, description or target changed) is keyed by the same source commit, so it dedupes with the
/// last update unless the commits changed too. Declined and deleted both close without merge, keyed by <c>closedDate</c>
/// (a declined pull request can be reopened and declined again); a reopen is keyed by its <c>updatedDate</c>.
/// https://confluence.atlassian.com/bitbucketserver/event-payload-938025882.html#Eventpayload-Pullrequest
/// </summary>
internal static class BitbucketDataCenterPullRequestNormalizer
{
    public static NormalizationResult PullRequest(string eventKey, JsonElement root, DateTimeOffset receivedAt)
    {
        JsonElement pr = root.Get("pullRequest") ?? throw new PayloadException("missing required field 'pullRequest'");
        JsonElement repository = BitbucketDataCenterContext.Repository(root, "pullRequest.toRef.repository");
        // Without the top-level date and actor: the item's own time, and its author where the event is the author's act.
        (DateTimeOffset? itemTime, string[] actorFallbacks) = eventKey switch
        {
            "pr:comment:added" => (root.UnixDate("comment.createdDate", milliseconds: true), (string[])["comment.author"]),
            "pr:opened" => (pr.UnixDate("createdDate", milliseconds: true), ["pullRequest.author.user"]),
            _ => (pr.UnixDate("updatedDate", milliseconds: true), []),
        };
        EventContext context = BitbucketDataCenterContext.Of(root, repository, itemTime, receivedAt, actorFallbacks);
        string repo = context.RepoId;
        long number = pr.RequireLong("id");
        string? headSha = pr.Text("fromRef.latestCommit");
        var details = new EventDetails { Number = number, Title = pr.Text("title"), HeadSha = headSha, Ref = pr.Text("fromRef.id") };
        string? url = pr.Text("links.self.0.href");

        if (eventKey == "pr:comment:added")
        {
            JsonElement comment = root.Get("comment") ?? throw new PayloadException("missing required field 'comment'");
            string commentId = comment.RequireStr("id");
            string? text = comment.Str("text");
            return NormalizationResult.Of([context.Create(EventKind.CommentCreatedOnPullRequest, NaturalKeys.Comment(repo, commentId),
                details with { CommentId = commentId, CommentExcerpt = Excerpts.Of(text) },
                url is null ? null : $"{url}/overview?commentId={commentId}", MentionParser.Parse(text),
                comment.UnixDate("createdDate", milliseconds: true))]);
        }

        NormalizedEvent e = eventKey switch
        {
            "pr:opened" => context.Create(EventKind.PullRequestOpened, NaturalKeys.PullRequestOpened(repo, number), details, url,
                MentionParser.Parse(pr.Str("title"), pr.Str("description"))),
            "pr:merged" => context.Create(EventKind.PullRequestMerged, NaturalKeys.PullRequestMerged(repo, number), details, url),
            // closedDate is the same in the hook and the pull request list until the next decline; a deleted one has none.
            "pr:declined" or "pr:deleted" => context.Create(EventKind.PullRequestClosed,
                NaturalKeys.PullRequestClosed(repo, number, pr.UnixDate("closedDate", milliseconds: true) ?? Updated(pr, context)), details, url),
            "pr:reopened" => context.Create(EventKind.PullRequestOpened, NaturalKeys.PullRequestReopened(repo, number, Updated(pr, context)), details, url),
            _ => context.Create(EventKind.PullRequestUpdated,
                NaturalKeys.PullRequestUpdated(repo, number, headSha ?? throw new PayloadException("missing required field 'pullRequest.fromRef.latestCommit'")),
                details, url),
        };
        return NormalizationResult.Of([e]);
    }

    private static DateTimeOffset Updated(JsonElement pr, EventContext context) =>
        pr.UnixDate("updatedDate", milliseconds: true) ?? context.OccurredAt;
}
