namespace MentionBot;

/// <summary>The bot's log lines. Ids and status codes only: never the API key, the secret or a body.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "Refused a webhook: {Reason}")]
    public static partial void Refused(ILogger logger, string reason);

    [LoggerMessage(2, LogLevel.Debug, "Webhook {WebhookId} was already queued; answered 2xx without doing it again")]
    public static partial void Duplicate(ILogger logger, string webhookId);

    [LoggerMessage(3, LogLevel.Warning, "The work queue is full; webhook {WebhookId} was answered 503 so the hub retries it")]
    public static partial void QueueFull(ILogger logger, string webhookId);

    [LoggerMessage(4, LogLevel.Debug, "Webhook {WebhookId} (event {EventId}) does not mention the bot, or was written by it: ignored")]
    public static partial void Ignored(ILogger logger, string webhookId, long? eventId);

    [LoggerMessage(5, LogLevel.Information, "Replied to event {EventId}: {Status}{Replayed}")]
    public static partial void Replied(ILogger logger, long eventId, int status, string replayed);

    [LoggerMessage(6, LogLevel.Warning, "Reply to event {EventId} failed ({Status}), attempt {Attempt}; trying again in {Delay}")]
    public static partial void WillRetry(ILogger logger, long eventId, string status, int attempt, TimeSpan delay);

    [LoggerMessage(7, LogLevel.Error, "Reply to event {EventId} refused by the hub ({Status}): {Detail}")]
    public static partial void HubRefused(ILogger logger, long eventId, int status, string detail);

    [LoggerMessage(8, LogLevel.Error, "Gave up replying to event {EventId} after {Attempts} attempts ({Status})")]
    public static partial void GaveUp(ILogger logger, long eventId, int attempts, string status);

    [LoggerMessage(9, LogLevel.Information, "Mention bot @{Handle} listening for the hub's webhooks; replies through {HubUrl}")]
    public static partial void Started(ILogger logger, string handle, string hubUrl);
}
