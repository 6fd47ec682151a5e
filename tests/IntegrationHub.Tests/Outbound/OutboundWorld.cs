using IntegrationHub.Addresses;
using IntegrationHub.Events;
using IntegrationHub.Outbound;
using IntegrationHub.Providers;
using IntegrationHub.Providers.Events;
using IntegrationHub.Secrets;
using IntegrationHub.Tests.Infrastructure;
using IntegrationHub.Tests.Ingest;
using IntegrationHub.Tests.World;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Tests.Outbound;

/// <summary>
/// A hub (web host, no worker loop) over its own database, a receiver on loopback (allow-listed, http allowed), and
/// the outbound fan-out and sender built on a manual clock, so a test moves time through the retry schedule.
/// </summary>
internal sealed class OutboundWorld : IAsyncDisposable
{
    private static readonly EventStore Store = new(TimeProvider.System);

    private OutboundWorld(HubFactory hub, WebhookReceiver receiver, OutboundOptions options)
    {
        Hub = hub;
        Receiver = receiver;
        Db = NpgsqlDataSource.Create(hub.ConnectionString);
        // Whole milliseconds: PostgreSQL keeps microseconds, so times read back compare equal.
        Clock = new ManualClock(DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        Options = options;
        var o = Microsoft.Extensions.Options.Options.Create(options);
        FanOut = new OutboundFanOut(Db, o, Clock);
        Claims = new OutboundClaims(Db, o, Clock);
        Http = new OutboundHttp(hub.Services.GetRequiredService<GuardedSockets>(), o, Clock);
        Sender = NewSender(Http);
    }

    public HubFactory Hub { get; }
    public WebhookReceiver Receiver { get; }
    public NpgsqlDataSource Db { get; }
    public ManualClock Clock { get; }
    public OutboundOptions Options { get; }
    public OutboundFanOut FanOut { get; }
    public OutboundClaims Claims { get; }
    public OutboundHttp Http { get; }
    public OutboundSender Sender { get; }

    /// <param name="timeoutSeconds">The sender's timeout: generous by default, so a loaded machine does not turn a slow answer
    /// into a failed attempt the manual clock never retries; the tests of a hanging receiver pass 2.</param>
    public static async Task<OutboundWorld> StartAsync(IDictionary<string, string?>? settings = null, int timeoutSeconds = 30)
    {
        var receiver = await WebhookReceiver.StartAsync();
        var all = new Dictionary<string, string?>
        {
            ["Hub:Security:AllowHttpBaseUrls"] = "true",
            ["Hub:Security:AllowedPrivateHosts:0"] = "127.0.0.1",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var hub = new HubFactory(await TestPostgres.CreateDatabaseAsync(), all);
        _ = hub.Server;
        return new OutboundWorld(hub, receiver, new OutboundOptions { TimeoutSeconds = timeoutSeconds, IdleMilliseconds = 50 });
    }

    public OutboundSender NewSender(OutboundHttp http)
    {
        var o = Microsoft.Extensions.Options.Options.Create(Options);
        return new OutboundSender(Db, Claims, http, new OutboundDisabler(Hub.Services.GetRequiredService<IServiceScopeFactory>(), o, Clock),
            Hub.Services.GetRequiredService<ISecretProtector>(), o, Clock, NullLogger<OutboundSender>.Instance);
    }

    public async Task<(Guid Tenant, HttpClient Api)> TenantAsync(string name)
    {
        var id = Guid.NewGuid();
        await ExecAsync("INSERT INTO tenants (id, name, slug, created_at) VALUES ($1, $2, $3, now())", id, name, "t-" + id.ToString("n")[..12]);
        string key = await ApiKeys.CreateAsync(Hub.Services, id, name + " bot");
        return (id, ApiKeys.Client(Hub, key));
    }

    /// <summary>A connection and a repository of the tenant; the same external id in two tenants is one provider repository.</summary>
    public async Task<TestHook> RepositoryAsync(Guid tenantId, string externalId = "1", string path = "acme/widgets")
    {
        var connectionId = Guid.NewGuid();
        var repositoryId = Guid.NewGuid();
        await ExecAsync("""
            INSERT INTO connections (id, tenant_id, provider, base_url, display_name, account_id, account_login, status, auth_kind, created_at, updated_at)
            VALUES ($1, $2, 'github', 'https://github.example.test', 'test', $3, 'tester', 'active', 'pat', now(), now())
            """, connectionId, tenantId, connectionId.ToString());
        await ExecAsync("""
            INSERT INTO repositories (id, tenant_id, connection_id, external_id, full_path, first_seen_at, last_seen_at)
            VALUES ($1, $2, $3, $4, $5, now(), now())
            """, repositoryId, tenantId, connectionId, externalId, path);
        return new TestHook(Guid.Empty, tenantId, connectionId, repositoryId, "github", "", null);
    }

    /// <summary>Stores one event the way ingest does and returns its id.</summary>
    public async Task<long> EventAsync(TestHook repo, EventKind kind = EventKind.Push)
    {
        var e = new NormalizedEvent
        {
            Provider = ProviderKind.GitHub,
            Kind = kind,
            NaturalKey = "test:" + Guid.NewGuid().ToString("n"),
            Repository = new EventRepository("1", "acme/widgets", null),
            OccurredAt = DateTimeOffset.UtcNow,
        };
        await using var conn = await Db.OpenConnectionAsync();
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
        while (await ScalarAsync<long>("SELECT count(*) FROM outbound_deliveries") < deliveries && DateTime.UtcNow < deadline)
        {
            if ((await FanOut.RunOnceAsync(CancellationToken.None)).EventsRead == 0)
            {
                await Task.Delay(25);
            }
        }

        Assert.Equal(deliveries, await ScalarAsync<long>("SELECT count(*) FROM outbound_deliveries"));
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
        ScalarAsync<string>("SELECT status FROM outbound_deliveries WHERE event_id = $1", eventId);

    public async Task ExecAsync(string sql, params object[] args)
    {
        await using var cmd = Db.CreateCommand(sql);
        foreach (var arg in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = arg });
        }

        await cmd.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql, params object[] args)
    {
        await using var cmd = Db.CreateCommand(sql);
        foreach (var arg in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = arg });
        }

        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "the query returned no row");
        return reader.IsDBNull(0) ? default! : reader.GetFieldValue<T>(0);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Receiver.DisposeAsync();
        await Hub.DisposeAsync();
        await Db.DisposeAsync();
    }
}
