using System.Diagnostics;
using IntegrationHub.Telemetry;

namespace IntegrationHub.ProviderAccess;

/// <summary>
/// Counts and times every call the hub makes to a provider (<c>ihub.provider.calls</c>, <c>ihub.provider.call.duration</c>):
/// it sits on every client <see cref="ProviderHttp"/> hands out, the shared one and those trusting a CA bundle, so no
/// feature records anything itself. Provider and operation come from the caller's <see cref="ProviderCallScope"/>; the
/// outcome is the answer's class. The duration runs to the answer's headers (the body is read by the caller).
/// </summary>
internal sealed class ProviderCallMeter : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var call = ProviderCallScope.Current;
        long started = Stopwatch.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (Exception)
        {
            Record(call, ProviderCallOutcomes.NetworkError, started);
            throw;
        }

        Record(call, Outcome(response, call), started);
        return response;
    }

    private static string Outcome(HttpResponseMessage response, ProviderCallContext? call) => (int)response.StatusCode switch
    {
        304 => ProviderCallOutcomes.NotModified,
        429 => ProviderCallOutcomes.RateLimited,
        403 when IsRateLimit(response, call) => ProviderCallOutcomes.RateLimited,
        < 400 => ProviderCallOutcomes.Ok,
        < 500 => ProviderCallOutcomes.ClientError,
        _ => ProviderCallOutcomes.ServerError,
    };

    /// <summary>
    /// GitHub answers a primary limit with 403 and no budget left, a secondary one with 403 and Retry-After
    /// (https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit); the
    /// providers library also reads the body's words, which this handler leaves unread.
    /// </summary>
    private static bool IsRateLimit(HttpResponseMessage response, ProviderCallContext? call) =>
        response.Headers.RetryAfter is not null
        || (call?.RateLimitHeaders is { } names && response.Headers.TryGetValues(names.Remaining, out var left) && left.FirstOrDefault()?.Trim() == "0");

    private static void Record(ProviderCallContext? call, string outcome, long started)
    {
        var tags = new TagList
        {
            { HubMetrics.ProviderTag, call?.Provider ?? ProviderCallContext.Unknown },
            { HubMetrics.OperationTag, call?.Operation ?? ProviderOperations.Other },
            { HubMetrics.OutcomeTag, outcome },
        };
        HubMetrics.ProviderCalls.Add(1, tags);
        HubMetrics.ProviderCallDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
    }
}
