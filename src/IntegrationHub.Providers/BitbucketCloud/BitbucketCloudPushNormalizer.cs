using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.BitbucketCloud;

/// <summary>
/// Bitbucket Cloud <c>repo:push</c>: one entry in <c>push.changes</c> per ref, with <c>old</c> null for a created ref and
/// <c>new</c> null for a deleted one. Refs come as short names and are written <c>refs/heads/…</c>/<c>refs/tags/…</c> here
/// like everywhere else. Commit dates are authoring times, so events take the receive time.
/// https://support.atlassian.com/bitbucket-cloud/docs/event-payloads/#Push
/// </summary>
internal static class BitbucketCloudPushNormalizer
{
    public static NormalizationResult Push(JsonElement root, DateTimeOffset receivedAt)
    {
        EventContext context = BitbucketCloudEventNormalizer.Context(root, receivedAt);
        var events = new List<NormalizedEvent>();
        foreach (JsonElement change in root.Array("push.changes"))
        {
            JsonElement side = change.Get("new") ?? change.Get("old") ?? throw new PayloadException("a push change has neither 'new' nor 'old'");
            string prefix = side.Text("type") switch
            {
                "branch" or "named_branch" => RefChangeEvents.HeadsPrefix,
                "tag" => RefChangeEvents.TagsPrefix,
                _ => string.Empty,
            };
            if (prefix.Length == 0)
            {
                continue;
            }

            string fullRef = prefix + side.RequireStr("name");
            string? htmlUrl = change.Text("links.html.href") ?? side.Text("links.html.href");
            events.AddRange(RefChangeEvents.From(context, fullRef, change.Text("old.target.hash"), change.Text("new.target.hash"), htmlUrl));
        }

        return events.Count == 0
            ? NormalizationResult.Ignore("the push changed no branch or tag")
            : NormalizationResult.Of(events);
    }
}
