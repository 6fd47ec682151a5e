using System.Globalization;
using System.Text.Json;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.Poll;

namespace IntegrationHub.Providers.GitHub;

/// <summary>
/// GitHub never retries a failed delivery by itself; its redelivery API reaches back three days. The sweep reads the
/// hook's newest deliveries and asks again for each one that failed and was not redelivered or delivered since.
/// A delivery failed when its status is not "OK": GitHub lists attempts made, and status_code 0 means no HTTP answer (a
/// timeout, a refused connection), a failure, not a pending delivery (https://docs.github.com/rest/repos/webhooks#list-deliveries-for-a-repository-webhook).
/// The cursor is the newest delivery id seen and when the sweep last ran: <c>{id}|{time}</c>. A sweep costs one billed call, so it runs at most every <see cref="SweepEvery"/>.
/// https://docs.github.com/rest/repos/webhooks#redeliver-a-delivery-for-a-repository-webhook
/// </summary>
internal static class GitHubDeliverySweep
{
    /// <summary>Ten minutes: 6 billed calls an hour per repository instead of 60 at a 60-second poll.</summary>
    internal static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(10);

    public static async Task<PollStreamCursor?> ReadAsync(PollSession s, string repo, string hookId, PollStreamCursor? cursor, CancellationToken ct)
    {
        string[] parts = (cursor?.Cursor ?? string.Empty).Split('|');
        long after = long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long c) ? c : 0;
        DateTimeOffset now = s.Api.Time.GetUtcNow();
        // The list is billed on every read (no ETag helps) and the poll's own reads already recover what a failed delivery
        // carried, so the sweep runs every SweepEvery, not every cycle: well inside GitHub's three-day redelivery window.
        if (parts.Length > 1 && PollJson.ParseTime(parts[1]) is { } swept && now - swept < SweepEvery && now >= swept)
        {
            return null;
        }

        string hook = $"{repo}/hooks/{BaseUrls.Segment(hookId)}";
        ApiResponse page = await s.GetAsync(s.Api.Api($"{hook}/deliveries?per_page=100"), null, ct).ConfigureAwait(false);
        var deliveries = new List<(long Id, string Guid, bool Ok, bool Redelivery, DateTimeOffset At)>();
        using (JsonDocument doc = s.Parse(page))
        {
            foreach (JsonElement d in doc.RootElement.EnumerateArray())
            {
                deliveries.Add((d.Long("id") ?? 0, d.Text("guid") ?? string.Empty, d.Text("status") == "OK",
                    d.Bool("redelivery") == true, d.Date("delivered_at") ?? DateTimeOffset.MinValue));
            }
        }

        var fresh = deliveries.Where(d => d.Id > after && (after > 0 || d.At >= s.Request.WatchedSince)).ToList();
        var delivered = deliveries.Where(d => d.Ok).Select(d => d.Guid).ToHashSet(StringComparer.Ordinal);
        // A failed redelivery is not asked for again: the poll's own reads cover what it carried.
        foreach (var failed in fresh.Where(d => !d.Ok && !d.Redelivery && !delivered.Contains(d.Guid)))
        {
            if (deliveries.Any(d => d.Guid == failed.Guid && d.Redelivery))
            {
                continue;
            }

            await s.PostAsync(s.Api.Api($"{hook}/deliveries/{failed.Id.ToString(CultureInfo.InvariantCulture)}/attempts"), ct).ConfigureAwait(false);
            s.CountRedelivery();
        }

        long settled = fresh.Select(d => d.Id).DefaultIfEmpty(after).Max();
        return new PollStreamCursor($"{Math.Max(after, settled).ToString(CultureInfo.InvariantCulture)}|{PollJson.Time(now)}", null);
    }
}
