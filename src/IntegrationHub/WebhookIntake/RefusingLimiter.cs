using System.Threading.RateLimiting;

namespace IntegrationHub.WebhookIntake;

/// <summary>
/// The partition a source address lands in once its rejection budget is spent: it refuses every request. The address's own
/// bucket (<see cref="SourceAddressBudget"/>) says when it may come back; this limiter only stops the request.
/// </summary>
internal sealed class RefusingLimiter : RateLimiter
{
    private static readonly RateLimitLease Refused = new RefusedLease();

    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics() => new() { CurrentAvailablePermits = 0 };

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Refused;

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) => ValueTask.FromResult(Refused);

    private sealed class RefusedLease : RateLimitLease
    {
        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
