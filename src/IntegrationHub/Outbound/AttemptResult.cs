namespace IntegrationHub.Outbound;

/// <summary>What one POST gave: the status (null: no answer), how long, why it failed, and what the endpoint said.</summary>
public sealed record AttemptResult(int? StatusCode, int DurationMs, string? Error, string? ResponseExcerpt, TimeSpan? RetryAfter)
{
    public bool Delivered => StatusCode is >= 200 and < 300;
}
