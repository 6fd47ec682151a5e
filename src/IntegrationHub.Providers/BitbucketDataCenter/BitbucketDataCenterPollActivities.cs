using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.Poll;
using static IntegrationHub.Providers.Poll.PollJson;

namespace IntegrationHub.Providers.BitbucketDataCenter;

/// <summary>
/// Pull request activities (newest first), one call per pull request updated since the cursor: COMMENTED (ADDED) is the
/// comment hook, RESCOPED with its <c>fromHash</c> the source-branch update, each exactly as the hooks key them.
/// https://developer.atlassian.com/server/bitbucket/rest/v906/api-group-pull-requests/#api-api-latest-projects-projectkey-repos-repositoryslug-pull-requests-pullrequestid-activities-get
/// </summary>
internal static class BitbucketDataCenterPollActivities
{
    private const int MaxPulls = 20;

    public static async Task<PollStreamCursor?> ReadAsync(PollSession s, string repo, PollStreamCursor? cursor, List<JsonElement> pulls, CancellationToken ct)
    {
        DateTimeOffset since = ParseTime(cursor?.Cursor) ?? s.Request.WatchedSince;
        DateTimeOffset newest = since;
        foreach (JsonElement pr in pulls.Where(p => p.UnixDate("updatedDate", milliseconds: true) >= since).Take(MaxPulls))
        {
            ApiResponse page = await s.GetAsync(s.Api.Api($"{repo}/pull-requests/{pr.RequireLong("id")}/activities?limit=100"), null, ct).ConfigureAwait(false);
            using JsonDocument doc = s.Parse(page);
            foreach (JsonElement activity in doc.RootElement.Array("values"))
            {
                if (activity.UnixDate("createdDate", milliseconds: true) is not { } at || at < since)
                {
                    break; // newest first: the rest is older
                }

                newest = Max(newest, at);
                JsonObject? body = activity.Text("action") switch
                {
                    "COMMENTED" when activity.Text("commentAction") == "ADDED" && activity.Get("comment") is { } comment =>
                        With(BitbucketDataCenterPollReader.Body("pr:comment:added", pr, activity.Get("user"), at), "comment", Copy(comment)),
                    "RESCOPED" when activity.Text("fromHash") is { } head && head != activity.Text("previousFromHash") =>
                        Rescoped(pr, activity.Get("user"), head, at),
                    _ => null,
                };
                if (body is not null)
                {
                    s.Normalize(BitbucketDataCenterPollReader.Normalizer, null, body, at);
                }
            }
        }

        return new PollStreamCursor(Time(newest), null);
    }

    private static JsonObject Rescoped(JsonElement pr, JsonElement? actor, string head, DateTimeOffset at)
    {
        JsonObject body = BitbucketDataCenterPollReader.Body("pr:from_ref_updated", pr, actor, at);
        if (body["pullRequest"]?["fromRef"] is JsonObject from)
        {
            from["latestCommit"] = head;
        }

        return body;
    }

    private static JsonObject With(JsonObject body, string key, JsonNode? value)
    {
        body[key] = value;
        return body;
    }
}
