using System.Text.Json;
using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.Poll;

namespace IntegrationHub.Providers.BitbucketDataCenter;

/// <summary>
/// How the poll's pull request and activity reads hand a REST pull request to <see cref="BitbucketDataCenterPullRequestEvents"/>:
/// with its target repository as the hook names it (id, path and page), the actor, and the time the poll saw the change in
/// whole seconds, the precision of the hook's <c>date</c>.
/// </summary>
internal static class BitbucketDataCenterPollEvents
{
    /// <summary>
    /// Adds what <paramref name="build"/> makes of <paramref name="pr"/>. An item missing a field the hook requires (a pull
    /// request without its target repository) is skipped as the webhook would reject it, rather than failing the read.
    /// </summary>
    public static void Add(PollSession s, JsonElement pr, JsonElement? actor, DateTimeOffset at, Func<EventContext, NormalizedEvent> build) =>
        s.TryAdd(() => build(Context(pr, actor, at)));

    private static EventContext Context(JsonElement pr, JsonElement? actor, DateTimeOffset at) =>
        BitbucketDataCenterContext.For(BitbucketDataCenterContext.Repository(pr, "toRef.repository"), BitbucketDataCenterContext.User(actor),
            new DateTimeOffset(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero));
}
