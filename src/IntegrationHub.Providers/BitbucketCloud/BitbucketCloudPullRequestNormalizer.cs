using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.BitbucketCloud;

/// <summary>
/// Bitbucket Cloud pull request deliveries: created, updated (fires for any edit), fulfilled (merged) and rejected
/// (declined), built by <see cref="BitbucketCloudPullRequestEvents"/> as the poll builds them.
/// https://support.atlassian.com/bitbucket-cloud/docs/event-payloads/#Pull-request-events
/// </summary>
internal static class BitbucketCloudPullRequestNormalizer
{
    public static NormalizationResult PullRequest(string eventName, JsonElement root, DateTimeOffset receivedAt)
    {
        JsonElement pr = root.Get("pullrequest") ?? throw new PayloadException("missing required field 'pullrequest'");
        EventContext context = BitbucketCloudEventNormalizer.Context(root, receivedAt);
        NormalizedEvent e = eventName switch
        {
            "pullrequest:created" => BitbucketCloudPullRequestEvents.Created(context, pr),
            "pullrequest:updated" => BitbucketCloudPullRequestEvents.Updated(context, pr),
            "pullrequest:fulfilled" => BitbucketCloudPullRequestEvents.Fulfilled(context, pr),
            _ => BitbucketCloudPullRequestEvents.Rejected(context, pr),
        };
        return NormalizationResult.Of([e]);
    }
}
