using IntegrationHub.Providers.GitHub;

namespace IntegrationHub.WebhookIntake;

/// <summary>
/// Which of an app webhook's listed delivery attempts <see cref="AppDeliverySweep"/> asks GitHub for again. Attempts are
/// grouped by event (X-GitHub-Delivery, shared by an event's redeliveries): an event is settled only when one attempt of
/// it succeeded (status "OK"). A failed redelivery is asked for again, up to <see cref="MaxRedeliveries"/> redeliveries
/// counted from the list, so an endpoint that keeps failing one event costs three requests, not one every run.
/// GitHub redelivers only within three days of the event, so older events are left alone.
/// </summary>
internal static class AppRedeliveries
{
    public const int MaxRedeliveries = 3;

    /// <summary>The delivery ids to redeliver, one per unsettled event (its newest attempt).</summary>
    public static IReadOnlyList<long> Choose(IEnumerable<GitHubHookDelivery> attempts, DateTimeOffset now, TimeSpan window) =>
        [.. attempts.GroupBy(d => d.Guid, StringComparer.Ordinal)
            .Where(e => !e.Any(d => d.Succeeded) && e.Count(d => d.Redelivery) < MaxRedeliveries && now - e.Min(d => d.DeliveredAt) < window)
            .Select(e => e.MaxBy(d => d.Id)!.Id)];
}
