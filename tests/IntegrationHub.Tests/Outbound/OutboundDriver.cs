using IntegrationHub.Addresses;
using IntegrationHub.Events;
using IntegrationHub.Outbound;
using IntegrationHub.Providers;
using IntegrationHub.Providers.Events;
using IntegrationHub.Secrets;
using IntegrationHub.Tests.World;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace IntegrationHub.Tests.Outbound;

/// <summary>
/// The outbound fan-out and sender over a <see cref="HubWorld"/>'s database, built on a manual clock of their own so a
/// test moves them through the retry schedule round by round (the hub's web host keeps the real clock: it answers the
/// subscriptions API), and the receiver they deliver to (on loopback, allow-listed by <see cref="WorldOptions"/>).
/// </summary>
internal sealed class OutboundDriver : IAsyncDisposable
{
    private static readonly EventStore Store = new(TimeProvider.System);

    private readonly HubWorld _world;
    private readonly Dictionary<Guid, Guid> _connections = [];

    private OutboundDriver(HubWorld world, WebhookReceiver receiver, OutboundOptions options)
    {
        _world = world;
        Receiver = receiver;
        // Whole milliseconds: PostgreSQL keeps microseconds, so times read back compare equal.
        Clock = new ManualClock(DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        Options = options;
        var o = Microsoft.Extensions.Options.Options.Create(options);
        FanOut = new OutboundFanOut(world.Db, o, Clock);
        Claims = new OutboundClaims(world.Db, o, Clock);
        Http = new OutboundHttp(world.Hub.Services.GetRequiredService<GuardedSockets>(), o, Clock);
        Sender = NewSender(Http);
    }

    public WebhookReceiver Receiver { get; }
    public ManualClock Clock { get; }
    public OutboundOptions Options { get; }
    public OutboundFanOut FanOut { get; }
    public OutboundClaims Claims { get; }
    public OutboundHttp Http { get; }
    public OutboundSender Sender { get; }

    /// <summary>The world's hub may call the receiver: plain http, and 127.0.0.1 allow-listed as a private host.</summary>
    public static HubWorldOptions WorldOptions(IDictionary<string, string?>? settings = null) => new()
    {
        Settings = new Dictionary<string, string?>
        {
            ["Hub:Security:AllowHttpBaseUrls"] = "true",
            ["Hub:Security:AllowedPrivateHosts:0"] = "127.0.0.1",
        }.Concat(settings ?? new Dictionary<string, string?>()).ToDictionary(), // a test's own wins
    };

    /// <param name="timeoutSeconds">The sender's timeout: generous by default, so a loaded machine does not turn a slow answer
    /// into a failed attempt the manual clock never retries; the tests of a hanging receiver pass 2.</param>
    public static async Task<OutboundDriver> StartAsync(HubWorld world, int timeoutSeconds = 30) =>
        new(world, await WebhookReceiver.StartAsync(), new OutboundOptions { TimeoutSeconds = timeoutSeconds, IdleMilliseconds = 50 });

    public OutboundSender NewSender(OutboundHttp http)
    {
        var o = Microsoft.Extensions.Options.Options.Create(Options);
        var hub = _world.Hub.Services;
        return new OutboundSender(_world.Db, Claims, http, new OutboundDisabler(hub.GetRequiredService<IServiceScopeFactory>(), o, Clock),
            hub.GetRequiredService<ISecretProtector>(), o, Clock, NullLogger<OutboundSender>.Instance);
    }

    /// <summary>A new tenant and a client with its key "<paramref name="name"/> bot" (every scope).</summary>
    public async Task<(Guid Tenant, HttpClient Api)> TenantAsync(string name)
    {
        var id = await _world.TenantAsync(name);
        return (id, await _world.ApiClientAsync(id, name + " bot"));
    }

    /// <summary>A repository of the tenant (on one connection per tenant); the same external id in two tenants is one provider repository.</summary>
    public async Task<OutboundRepo> RepositoryAsync(Guid tenantId, string externalId = "1", string path = "acme/widgets")
    {
        if (!_connections.TryGetValue(tenantId, out var connectionId))
        {
            _connections[tenantId] = connectionId = await _world.ConnectionAsync(tenantId);
        }

        return new OutboundRepo(tenantId, connectionId, await _world.RepositoryAsync(tenantId, connectionId, path, externalId));
    }

    /// <summary>Stores one event the way ingest does and returns its id.</summary>
    public async Task<long> EventAsync(OutboundRepo repo, EventKind kind = EventKind.Push)
    {
        var e = new NormalizedEvent
        {
            Provider = ProviderKind.GitHub,
            Kind = kind,
            NaturalKey = "test:" + Guid.NewGuid().ToString("n"),
            Repository = new EventRepository("1", "acme/widgets", null),
            OccurredAt = DateTimeOffset.UtcNow,
        };
        await using var conn = await _world.Db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await Store.StoreAsync(conn, tx, new EventTarget(repo.TenantId, repo.ConnectionId, repo.RepositoryId, null), [e], EventSource.Webhook, null,
            CancellationToken.None);
        await using var cmd = new NpgsqlCommand("SELECT id FROM events WHERE repository_id = $1 AND natural_key = $2", conn, tx);
        cmd.Parameters.Add(new() { Value = repo.RepositoryId });
        cmd.Parameters.Add(new() { Value = e.NaturalKey });
        long id = (long)(await cmd.ExecuteScalarAsync())!;
        await tx.CommitAsync();
        return id;
    }

    /// <summary>
    /// Runs fan-out rounds until the subscriptions hold <paramref name="deliveries"/> deliveries in all. The feed's
    /// horizon is the whole cluster's, so other tests' open transactions may hold events back for a moment.
    /// </summary>
    public async Task FanOutUntilAsync(int deliveries)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await DeliveriesAsync() < deliveries && DateTime.UtcNow < deadline)
        {
            if ((await FanOut.RunOnceAsync(CancellationToken.None)).EventsRead == 0)
            {
                await Task.Delay(25);
            }
        }

        Assert.Equal(deliveries, await DeliveriesAsync());
    }

    /// <summary>Runs sender rounds until the receiver has at least <paramref name="received"/> webhooks in all; returns them all.</summary>
    public async Task<ReceivedWebhook[]> SendUntilAsync(int received)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Receiver.Received.Count < received && DateTime.UtcNow < deadline)
        {
            if (await Sender.RunOnceAsync(CancellationToken.None) == 0)
            {
                await Task.Delay(25);
            }
        }

        var all = Receiver.Received.ToArray();
        Assert.True(all.Length >= received, $"{all.Length} webhooks arrived, {received} expected");
        return all;
    }

    /// <summary>Runs sender rounds until nothing is due; each round records its outcomes before it returns.</summary>
    public async Task SendDueAsync()
    {
        while (await Sender.RunOnceAsync(CancellationToken.None) > 0)
        {
        }
    }

    public Task<string> DeliveryStatusAsync(long eventId) =>
        _world.ValueAsync<string>("SELECT status FROM outbound_deliveries WHERE event_id = $1", eventId);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Receiver.DisposeAsync();
    }

    private Task<long> DeliveriesAsync() => _world.ValueAsync<long>("SELECT count(*) FROM outbound_deliveries");
}
