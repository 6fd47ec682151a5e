namespace IntegrationHub.ProviderSim.Delivery;

/// <summary>One POST to a hook: status code (null when the connection failed or timed out) and duration.</summary>
internal sealed record DeliveryAttempt(
    int Number,
    int? StatusCode,
    double DurationMs,
    DateTimeOffset At,
    string? Error,
    IReadOnlyDictionary<string, string> RequestHeaders);
