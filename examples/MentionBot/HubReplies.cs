using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace MentionBot;

/// <summary>
/// Posts the answer through <c>POST /api/v1/events/{id}/reply</c>. The Idempotency-Key is derived from the event, so a
/// retry (ours after a timeout, or a second delivery after a crash) is answered from the hub's record instead of
/// commenting twice.
/// </summary>
internal sealed class HubReplies(HttpClient http, MentionBotOptions options, ILogger<HubReplies> log)
{
    private static readonly TimeSpan MaxPause = TimeSpan.FromMinutes(5);

    public async Task<bool> ReplyAsync(Mention mention, CancellationToken ct)
    {
        for (int attempt = 1; ; attempt++)
        {
            string failure;
            TimeSpan? retryAfter = null;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/events/{mention.EventId}/reply")
                {
                    Content = JsonContent.Create(new { body = mention.ReplyBody }),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
                request.Headers.Add("Idempotency-Key", $"mention-{mention.EventId}");
                using var response = await http.SendAsync(request, ct);
                int status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    Log.Replied(log, mention.EventId, status, response.Headers.Contains("Idempotent-Replayed") ? " (replayed: answered before)" : "");
                    return true;
                }

                if (!Retryable(response))
                {
                    Log.HubRefused(log, mention.EventId, status, await DetailAsync(response, ct));
                    return false;
                }

                failure = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
                retryAfter = response.Headers.RetryAfter?.Delta
                    ?? (response.Headers.RetryAfter?.Date is { } at ? at - options.TimeProvider.GetUtcNow() : null);
            }
            catch (HttpRequestException ex)
            {
                failure = ex.HttpRequestError.ToString();
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                failure = "timeout";
            }

            if (attempt >= options.ReplyAttempts)
            {
                Log.GaveUp(log, mention.EventId, attempt, failure);
                return false;
            }

            var pause = retryAfter is { } ra && ra > TimeSpan.Zero
                ? (ra < MaxPause ? ra : MaxPause)
                : options.RetryBaseDelay * Math.Pow(2, attempt - 1);
            Log.WillRetry(log, mention.EventId, failure, attempt, pause);
            await Task.Delay(pause, options.TimeProvider, ct);
        }
    }

    // A 409 with Retry-After: the same Idempotency-Key is still being answered (our earlier attempt), so ask again for its
    // answer. Every other 409 (connection revoked or needing reauthorization, an abandoned key whose outcome is unknown)
    // stays the same however often it is asked, so it is not retried.
    internal static bool Retryable(HttpResponseMessage response) => response.StatusCode switch
    {
        HttpStatusCode.Conflict => response.Headers.RetryAfter is not null,
        HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests => true,
        var status => (int)status >= 500,
    };

    private static async Task<string> DetailAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            return problem.RootElement.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String
                ? d.GetString()!
                : "no detail";
        }
        catch (JsonException)
        {
            return "no detail";
        }
    }
}
