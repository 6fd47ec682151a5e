using IntegrationHub.Events;
using IntegrationHub.WebhookIntake;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Tests.World;

/// <summary>A worker node's delivery processing on a hand-moved clock, as the inbox background process runs it.</summary>
internal sealed class InboxRun(NpgsqlDataSource db, ManualClock clock, IngestOptions? options = null)
{
    private static readonly IngestOptions Defaults = new() { LeaseSeconds = 60, RetryBaseSeconds = 5, MaxAttempts = 3, BatchSize = 10 };

    public ManualClock Clock { get; } = clock;

    public DeliveryClaims Claims { get; } = new(db, clock, Options.Create(options ?? Defaults));

    public DeliveryProcessor Processor => new(db, Claims, new EventStore(Clock), Clock, Options.Create(options ?? Defaults), NullLogger<DeliveryProcessor>.Instance);

    /// <summary>Starts a second after now, so deliveries the web host just stored are due.</summary>
    public static InboxRun Start(NpgsqlDataSource db, IngestOptions? options = null) => new(db, new ManualClock(DateTimeOffset.UtcNow.AddSeconds(1)), options);

    public Task<int> RunAsync() => Processor.RunAsync(CancellationToken.None);
}
