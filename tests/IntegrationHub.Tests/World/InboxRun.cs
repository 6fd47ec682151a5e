using IntegrationHub.Events;
using IntegrationHub.Jobs;
using IntegrationHub.WebhookIntake;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Tests.World;

/// <summary>A worker node's delivery processing on a hand-moved clock, as the inbox background process runs it.</summary>
internal sealed class InboxRun(NpgsqlDataSource db, ManualClock clock, JobStarter jobs, IngestOptions? options = null)
{
    private static readonly IngestOptions Defaults = new() { LeaseSeconds = 60, RetryBaseSeconds = 5, MaxAttempts = 3, BatchSize = 10 };

    public ManualClock Clock { get; } = clock;

    public DeliveryClaims Claims { get; } = new(db, clock, Options.Create(options ?? Defaults));

    public DeliveryProcessor Processor => new(db, Claims, new EventStore(Clock), jobs, Clock, Options.Create(options ?? Defaults), NullLogger<DeliveryProcessor>.Instance);

    /// <summary>
    /// Starts a second after now, so deliveries the web host just stored are due; jobs it starts (a discovery after an
    /// installation's repositories changed) are queued through the world's web host.
    /// </summary>
    public static InboxRun Start(HubWorld world, IngestOptions? options = null) =>
        new(world.Db, new ManualClock(DateTimeOffset.UtcNow.AddSeconds(1)), world.Hub.Services.GetRequiredService<JobStarter>(), options);

    public Task<int> RunAsync() => Processor.RunAsync(CancellationToken.None);
}
