using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.BitbucketDataCenter;

/// <summary>
/// A Bitbucket Data Center ref change (the hook's <c>repo:refs_changed</c> entry, or a head the poll saw move) as events,
/// each linking the commits page of its new head when the repository's page is known.
/// https://confluence.atlassian.com/bitbucketserver/event-payload-938025882.html#Eventpayload-Push
/// </summary>
internal static class BitbucketDataCenterRefEvents
{
    /// <param name="c">The repository (its page, <c>…/browse</c>, when known), actor and time.</param>
    /// <param name="fullRef">The ref, <c>refs/heads/…</c> or <c>refs/tags/…</c>.</param>
    /// <param name="fromHash">The commit before; null or forty zeros for a new ref.</param>
    /// <param name="toHash">The commit after; null or forty zeros for a deleted ref.</param>
    public static IEnumerable<NormalizedEvent> Changed(EventContext c, string fullRef, string? fromHash, string? toHash)
    {
        string? browse = c.Repository.HtmlUrl;
        string? htmlUrl = browse is null || RefChangeEvents.IsZero(toHash)
            ? browse
            : browse.Replace("/browse", $"/commits/{toHash}", StringComparison.Ordinal);
        return RefChangeEvents.From(c, fullRef, fromHash, toHash, htmlUrl);
    }
}
