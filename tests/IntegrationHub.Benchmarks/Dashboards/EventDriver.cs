using IntegrationHub.Events;
using IntegrationHub.Providers;
using IntegrationHub.Providers.Events;
using Npgsql;

namespace IntegrationHub.Benchmarks.Dashboards;

/// <summary>
/// Stores events through the hub's <see cref="EventStore"/> (the write webhook processing and the poll use, with the
/// trigger that NOTIFYs the live pages), one transaction each, as an issue opened in the seeded repository.
/// </summary>
internal sealed class EventDriver(NpgsqlDataSource db, EventTarget target)
{
    private readonly EventStore _store = new(TimeProvider.System);

    /// <summary>Stores one event titled <paramref name="title"/>; returns the Unix time in ms at which it was committed.</summary>
    public async Task<long> StoreAsync(int number, string title, CancellationToken ct)
    {
        var e = new NormalizedEvent
        {
            Provider = ProviderKind.GitHub,
            Kind = EventKind.IssueOpened,
            NaturalKey = NaturalKeys.IssueOpened("org/repo-00001", number),
            Repository = new EventRepository("1", "org/repo-00001", "https://github.com/org/repo-00001"),
            Actor = new EventActor("bench", "Bench"),
            OccurredAt = DateTimeOffset.UtcNow,
            Details = new EventDetails { Number = number, Title = title },
        };
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await _store.StoreAsync(conn, tx, target, [e], EventSource.Webhook, null, ct);
        await tx.CommitAsync(ct);
        return DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    }
}
