using System.Globalization;
using System.Net;
using System.Text.Json;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.Poll;

namespace IntegrationHub.Providers.GitHub;

/// <summary>
/// The repository events feed: the only GitHub read that names every push (ref, before, head) and every
/// <c>synchronize</c>, so pushes between two looks are not lost. Its payloads are the webhook's, less repository and sender,
/// so they are read as the webhook's (<see cref="GitHubEventNormalizer.Read"/>) with the polled repository and the item's
/// actor and time as their context. The cursor is the newest event id handled.
/// https://docs.github.com/rest/activity/events#list-repository-events
/// </summary>
internal static class GitHubPollFeed
{
    private const int MaxPages = 3;

    public static async Task<PollStreamCursor?> ReadAsync(PollSession s, string repo, PollStreamCursor? cursor, CancellationToken ct)
    {
        long after = long.TryParse(cursor?.Cursor, NumberStyles.None, CultureInfo.InvariantCulture, out long id) ? id : 0;
        ApiResponse page = await s.GetAsync(s.Api.Api($"{repo}/events?per_page=100"), cursor?.ETag, ct).ConfigureAwait(false);
        if (page.Status == HttpStatusCode.NotModified)
        {
            return null;
        }

        string? etag = page.Headers.ETag?.ToString();
        var items = new List<(long Id, IReadOnlyList<NormalizedEvent> Events)>();
        for (int pages = 0; pages < MaxPages; pages++)
        {
            using JsonDocument doc = s.Parse(page);
            bool reachedCursor = false;
            foreach (JsonElement item in doc.RootElement.EnumerateArray())
            {
                long itemId = item.Long("id") ?? 0;
                DateTimeOffset at = item.Date("created_at") ?? DateTimeOffset.MinValue;
                if (itemId <= after || (after == 0 && at < s.Request.WatchedSince))
                {
                    reachedCursor = true;
                    continue;
                }

                items.Add((itemId, Events(s, item, at)));
            }

            if (reachedCursor || LinkHeaderPagination.NextUrl(page.Headers) is not { } next)
            {
                break;
            }

            page = await s.GetAsync(s.Api.CheckedNextUrl(next), null, ct).ConfigureAwait(false);
        }

        foreach (var item in items.OrderBy(i => i.Id))
        {
            s.Add(item.Events);
        }

        long newest = items.Count == 0 ? after : Math.Max(after, items.Max(i => i.Id));
        return new PollStreamCursor(newest.ToString(CultureInfo.InvariantCulture), etag);
    }

    /// <summary>
    /// The events a feed item stands for; none for feed types the hub does not track, for <c>CreateEvent</c> and
    /// <c>DeleteEvent</c> (no sha: the push for the same ref is the event, see <see cref="GitHubPushNormalizer.CreateOrDelete"/>)
    /// and for a payload the webhook's reading refuses (the resources read after the feed still find what it was about).
    /// </summary>
    private static IReadOnlyList<NormalizedEvent> Events(PollSession s, JsonElement item, DateTimeOffset at)
    {
        if (item.Get("payload") is not { } p)
        {
            return [];
        }

        // The item's actor stands for the delivery's sender; without one, the places the event kind names for its actor.
        string? actor = GitHubPollReader.Login(item.Get("actor"));
        EventContext Context(string[] actorFallbacks) =>
            GitHubPollReader.Context(s, actor ?? p.FirstText(actorFallbacks), at, GitHubContext.RepositoryPage(p));

        try
        {
            return item.Text("type") switch
            {
                // The feed's push payload says head where the webhook says after, and has no push time, compare page or pusher.
                "PushEvent" => RefChangeEvents.From(Context([]), p.RequireStr("ref"), p.Str("before"), p.Str("head"), htmlUrl: null).ToList(),
                "PullRequestEvent" => GitHubEventNormalizer.Read("pull_request", p, Context).Events,
                "PullRequestReviewCommentEvent" => GitHubEventNormalizer.Read("pull_request_review_comment", p, Context).Events,
                "IssuesEvent" => GitHubEventNormalizer.Read("issues", p, Context).Events,
                "IssueCommentEvent" => GitHubEventNormalizer.Read("issue_comment", p, Context).Events,
                "CommitCommentEvent" => GitHubEventNormalizer.Read("commit_comment", p, Context).Events,
                _ => [],
            };
        }
        catch (PayloadException)
        {
            return [];
        }
    }
}
