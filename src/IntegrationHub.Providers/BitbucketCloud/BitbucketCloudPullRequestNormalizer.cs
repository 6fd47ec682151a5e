using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.BitbucketCloud;

/// <summary>
/// Bitbucket Cloud pull requests: created, updated (fires for any edit; keyed by the source commit, so edits that add
/// no commit share the key of the last real update and dedupe away), fulfilled (merged) and rejected (declined).
/// https://support.atlassian.com/bitbucket-cloud/docs/event-payloads/#Pull-request-events
/// </summary>
internal static class BitbucketCloudPullRequestNormalizer
{
    public static NormalizationResult PullRequest(string eventName, JsonElement root, DateTimeOffset receivedAt)
    {
        JsonElement pr = root.Get("pullrequest") ?? throw new PayloadException("missing required field 'pullrequest'");
        long number = pr.RequireLong("id");
        DateTimeOffset occurredAt = (eventName == "pullrequest:created" ? pr.FirstDate("created_on", "updated_on") : pr.Date("updated_on")) ?? receivedAt;
        // Only the opening is the author's own act; a merge or decline without an actor stays unattributed.
        EventContext context = eventName == "pullrequest:created"
            ? BitbucketCloudEventNormalizer.Context(root, occurredAt, "pullrequest.author")
            : BitbucketCloudEventNormalizer.Context(root, occurredAt);
        string repo = context.RepoId;
        string? headSha = pr.Text("source.commit.hash");
        string? branch = pr.Text("source.branch.name");
        var details = new EventDetails
        {
            Number = number,
            Title = pr.Text("title"),
            HeadSha = headSha,
            Ref = branch is null ? null : RefChangeEvents.HeadsPrefix + branch,
        };
        string? url = pr.Text("links.html.href");
        NormalizedEvent e = eventName switch
        {
            "pullrequest:created" => context.Create(EventKind.PullRequestOpened, NaturalKeys.PullRequestOpened(repo, number), details, url,
                MentionParser.Parse(pr.Str("title"), pr.Str("description"))),
            "pullrequest:updated" => context.Create(EventKind.PullRequestUpdated,
                NaturalKeys.PullRequestUpdated(repo, number, headSha ?? throw new PayloadException("missing required field 'pullrequest.source.commit.hash'")),
                details, url),
            "pullrequest:fulfilled" => context.Create(EventKind.PullRequestMerged, NaturalKeys.PullRequestMerged(repo, number), details, url),
            // A declined pull request cannot be reopened on Bitbucket Cloud (https://bitbucket.org/site/master/issues/4954,
            // "Won't Fix"), and its updated_on moves with every later comment: the decline keeps no time in its key.
            _ => context.Create(EventKind.PullRequestClosed, NaturalKeys.PullRequestClosed(repo, number, null), details, url),
        };
        return NormalizationResult.Of([e]);
    }
}
