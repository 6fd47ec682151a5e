using System.Collections.Concurrent;
using IntegrationHub.Providers.Api;

namespace IntegrationHub.Poll;

/// <summary>
/// Connections whose change probe was refused for its rate limit (GitHub's GraphQL points are a budget of their own), and
/// until when. The probe is not sent for them again before then: each chunk of each cycle would spend a request on a
/// certain refusal and log it. Their repositories are read in full meanwhile, as after any failed probe. Per node and in
/// memory: another node learns it from its own first refusal.
/// </summary>
internal sealed class SpentProbeBudgets(TimeProvider clock)
{
    /// <summary>When the refusal names no reset: look again after a cycle.</summary>
    private static readonly TimeSpan WithoutReset = TimeSpan.FromMinutes(1);

    /// <summary>A reset further out than GitHub's hourly window is not believed.</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _until = new();

    public bool IsSpent(Guid connectionId)
    {
        if (!_until.TryGetValue(connectionId, out DateTimeOffset until))
        {
            return false;
        }

        if (clock.GetUtcNow() < until)
        {
            return true;
        }

        _until.TryRemove(KeyValuePair.Create(connectionId, until));
        return false;
    }

    /// <summary>Remembers a rate-limit refusal; any other failure (down, refused, unreadable) is tried again next time.</summary>
    /// <returns>Until when the probe is held, or null when it was not a rate-limit refusal.</returns>
    public DateTimeOffset? Remember(Guid connectionId, ProviderApiException failure)
    {
        if (failure.Kind != ProviderApiErrorKind.RateLimited)
        {
            return null;
        }

        DateTimeOffset now = clock.GetUtcNow();
        DateTimeOffset until = failure.RetryAt is { } at && at > now ? at : now + WithoutReset;
        until = until > now + LongestWait ? now + LongestWait : until;
        _until[connectionId] = until;
        return until;
    }
}
