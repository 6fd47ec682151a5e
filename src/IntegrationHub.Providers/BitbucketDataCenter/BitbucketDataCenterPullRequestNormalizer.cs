using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.BitbucketDataCenter;

/// <summary>
/// Bitbucket Data Center pull request deliveries, built by <see cref="BitbucketDataCenterPullRequestEvents"/> as the poll
/// builds them. <c>pr:from_ref_updated</c> means new commits on the source branch; <c>pr:modified</c> is keyed the same way.
/// https://confluence.atlassian.com/bitbucketserver/event-payload-938025882.html#Eventpayload-Pullrequest
/// </summary>
internal static class BitbucketDataCenterPullRequestNormalizer
{
    public static NormalizationResult PullRequest(string eventKey, JsonElement root, DateTimeOffset receivedAt)
    {
        JsonElement pr = root.Get("pullRequest") ?? throw new PayloadException("missing required field 'pullRequest'");
        JsonElement repository = BitbucketDataCenterContext.Repository(root, "pullRequest.toRef.repository");
        // Without the top-level date (old servers, hand-made deliveries), the item's own time.
        DateTimeOffset? itemTime = eventKey switch
        {
            "pr:comment:added" => root.UnixDate("comment.createdDate", milliseconds: true),
            "pr:opened" => pr.UnixDate("createdDate", milliseconds: true),
            _ => pr.UnixDate("updatedDate", milliseconds: true),
        };
        EventContext context = BitbucketDataCenterContext.Of(root, repository, itemTime, receivedAt);
        NormalizedEvent e = eventKey switch
        {
            "pr:comment:added" => BitbucketDataCenterPullRequestEvents.Commented(context, pr,
                root.Get("comment") ?? throw new PayloadException("missing required field 'comment'")),
            "pr:opened" => BitbucketDataCenterPullRequestEvents.Opened(context, pr),
            "pr:merged" => BitbucketDataCenterPullRequestEvents.Merged(context, pr),
            "pr:declined" or "pr:deleted" => BitbucketDataCenterPullRequestEvents.Closed(context, pr),
            "pr:reopened" => BitbucketDataCenterPullRequestEvents.Reopened(context, pr),
            _ => BitbucketDataCenterPullRequestEvents.Updated(context, pr,
                pr.Text("fromRef.latestCommit") ?? throw new PayloadException("missing required field 'pullRequest.fromRef.latestCommit'")),
        };
        return NormalizationResult.Of([e]);
    }
}
