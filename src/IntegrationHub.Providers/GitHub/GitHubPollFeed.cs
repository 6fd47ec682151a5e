using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.Poll;
using static IntegrationHub.Providers.Poll.PollJson;

namespace IntegrationHub.Providers.GitHub;

/// <summary>
/// The repository events feed: the only GitHub read that names every push (ref, before, head) and every
/// <c>synchronize</c>, so pushes between two looks are not lost. Its payloads are the webhook's, less repository and sender.
/// The cursor is the newest event id handled. https://docs.github.com/rest/activity/events#list-repository-events
/// </summary>
internal static class GitHubPollFeed
{
    private const int MaxPages = 3;

    public static async Task<PollStreamCursor?> ReadAsync(PollSession s, string repo, PollStreamCursor? cursor, CancellationToken ct)
    {
        JsonObject context = Obj(("id", s.Request.Repository.ExternalId), ("full_name", s.Request.Repository.FullPath));
        long after = long.TryParse(cursor?.Cursor, NumberStyles.None, CultureInfo.InvariantCulture, out long id) ? id : 0;
        ApiResponse page = await s.GetAsync(s.Api.Api($"{repo}/events?per_page=100"), cursor?.ETag, ct).ConfigureAwait(false);
        if (page.Status == HttpStatusCode.NotModified)
        {
            return null;
        }

        string? etag = page.Headers.ETag?.ToString();
        var items = new List<(long Id, string Name, JsonObject Body, DateTimeOffset At)>();
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

                if (Webhook(item, context) is { } webhook)
                {
                    items.Add((itemId, webhook.Name, webhook.Body, at));
                }
                else
                {
                    items.Add((itemId, string.Empty, new JsonObject(), at));
                }
            }

            if (reachedCursor || LinkHeaderPagination.NextUrl(page.Headers) is not { } next)
            {
                break;
            }

            page = await s.GetAsync(s.Api.CheckedNextUrl(next), null, ct).ConfigureAwait(false);
        }

        foreach (var item in items.OrderBy(i => i.Id).Where(i => i.Name.Length > 0))
        {
            s.Normalize(Normalizer, item.Name, item.Body, item.At);
        }

        long newest = items.Count == 0 ? after : Math.Max(after, items.Max(i => i.Id));
        return new PollStreamCursor(newest.ToString(CultureInfo.InvariantCulture), etag);
    }

    /// <summary>The webhook event name and body a feed item stands for; null for feed types the hub does not track.</summary>
    private static (string Name, JsonObject Body)? Webhook(JsonElement item, JsonObject context)
    {
        JsonElement? payload = item.Get("payload");
        JsonElement? actor = item.Get("actor");
        if (payload is not { } p)
        {
            return null;
        }

        return item.Text("type") switch
        {
            // The feed's push payload says head where the webhook says after.
            "PushEvent" => ("push", Body(context, actor, ("ref", p.Str("ref")), ("before", p.Str("before")), ("after", p.Str("head")))),
            "CreateEvent" => ("create", Body(context, actor, ("ref", p.Str("ref")), ("ref_type", p.Str("ref_type")))),
            "DeleteEvent" => ("delete", Body(context, actor, ("ref", p.Str("ref")), ("ref_type", p.Str("ref_type")))),
            "PullRequestEvent" => ("pull_request", Merge(context, actor, p)),
            "PullRequestReviewCommentEvent" => ("pull_request_review_comment", Merge(context, actor, p)),
            "IssuesEvent" => ("issues", Merge(context, actor, p)),
            "IssueCommentEvent" => ("issue_comment", Merge(context, actor, p)),
            "CommitCommentEvent" => ("commit_comment", Merge(context, actor, p)),
            _ => null,
        };
    }

    private static readonly GitHubEventNormalizer Normalizer = new();

    private static JsonObject Body(JsonObject repository, JsonElement? sender, params (string Key, JsonNode? Value)[] members)
    {
        JsonObject body = Obj(members);
        body["repository"] = repository.DeepClone();
        body["sender"] = Obj(("login", sender?.Str("login")));
        return body;
    }

    private static JsonObject Merge(JsonObject context, JsonElement? actor, JsonElement payload)
    {
        JsonObject body = Body(context, actor);
        foreach ((string key, JsonNode? value) in (JsonObject)Copy(payload)!)
        {
            body[key] = value?.DeepClone();
        }

        return body;
    }
}
