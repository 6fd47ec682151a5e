using IntegrationHub.Providers.GitHub;
using IntegrationHub.WebhookIntake;

namespace IntegrationHub.Tests.GitHubApp;

/// <summary>Which app webhook deliveries the sweep asks for again: events none of whose attempts succeeded, three times at most.</summary>
public sealed class AppRedeliveriesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromDays(3) - TimeSpan.FromHours(1);

    [Fact]
    public void A_failed_redelivery_is_asked_again_a_timeout_is_a_failure_and_an_event_is_settled_only_by_an_OK_attempt()
    {
        GitHubHookDelivery[] listed =
        [
            // Newest first, as GitHub lists them.
            Attempt(9, "failed-redelivery", "Invalid HTTP Response: 503", 503, redelivery: true),
            Attempt(8, "redelivered-ok", "OK", 200, redelivery: true),
            Attempt(7, "timed-out", "timed out", 0),
            Attempt(6, "redelivered-ok", "Invalid HTTP Response: 500", 500),
            Attempt(5, "failed-redelivery", "Invalid HTTP Response: 503", 503),
            Attempt(4, "ok", "OK", 200),
        ];

        Assert.Equal([9L, 7L], AppRedeliveries.Choose(listed, Now, Window).Order().Reverse());
    }

    [Fact]
    public void An_event_is_redelivered_three_times_at_most_and_not_past_GitHubs_window()
    {
        GitHubHookDelivery[] listed =
        [
            Attempt(14, "given-up", "failed to connect", 0, redelivery: true),
            Attempt(13, "given-up", "failed to connect", 0, redelivery: true),
            Attempt(12, "given-up", "failed to connect", 0, redelivery: true),
            Attempt(11, "given-up", "failed to connect", 0),
            Attempt(10, "twice", "failed to connect", 0, redelivery: true),
            Attempt(9, "twice", "failed to connect", 0, redelivery: true),
            Attempt(8, "twice", "failed to connect", 0),
            Attempt(1, "too-old", "failed to connect", 0, at: Now - TimeSpan.FromDays(3)),
        ];

        Assert.Equal([10L], AppRedeliveries.Choose(listed, Now, Window));
    }

    private static GitHubHookDelivery Attempt(long id, string guid, string status, int code, bool redelivery = false, DateTimeOffset? at = null) =>
        new(id, guid, status, code, redelivery, at ?? Now - TimeSpan.FromMinutes(30 - id), "push");
}
