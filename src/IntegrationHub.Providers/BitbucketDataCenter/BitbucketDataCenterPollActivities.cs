using System.Text.Json;
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
                switch (activity.Text("action"))
                {
                    case "COMMENTED" when activity.Text("commentAction") == "ADDED" && activity.Get("comment") is { } comment:
                        BitbucketDataCenterPollEvents.Add(s, pr, activity.Get("user"), at,
                            c => BitbucketDataCenterPullRequestEvents.Commented(c, pr, comment));
                        break;
                    case "RESCOPED" when activity.Text("fromHash") is { } head && head != activity.Text("previousFromHash"):
                        BitbucketDataCenterPollEvents.Add(s, pr, activity.Get("user"), at,
                            c => BitbucketDataCenterPullRequestEvents.Updated(c, pr, head));
                        break;
                }
            }
        }

        return new PollStreamCursor(Time(newest), null);
    }
}
