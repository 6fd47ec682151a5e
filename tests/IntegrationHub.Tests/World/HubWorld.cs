using IntegrationHub.ProviderSim;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IntegrationHub.Tests.World;

/// <summary>
/// The one world of the hub tests: a database from the template, and on request the provider simulator over real HTTP,
/// the hub's web host and a manual clock. Seeding, SQL, simulator control and clients live in the partial files.
/// </summary>
public sealed partial class HubWorld : IAsyncDisposable
{
    private readonly WebApplication? _sim;
    private readonly string? _simUrl;
    private readonly HttpClient? _simClient;
    private readonly Lazy<HubFactory> _hub;
    private readonly List<WebApplication> _workers = [];

    private HubWorld(string connectionString, HubWorldOptions options, WebApplication? sim, string? simUrl)
    {
        ConnectionString = connectionString;
        Db = NpgsqlDataSource.Create(connectionString);
        _sim = sim;
        _simUrl = simUrl;
        _simTls = options.SimulatorTls;
        _simClient = simUrl is null ? null : new HttpClient(SimHandler(followRedirects: true)) { BaseAddress = new Uri(simUrl) };
        PublicBaseUrl = options.PublicBaseUrl;
        Clock = options.ManualClock ? new ManualClock(DateTimeOffset.UtcNow) : null;
        var settings = new Dictionary<string, string?>();
        if (simUrl is not null)
        {
            settings["Hub:Security:AllowedPrivateHosts:0"] = new Uri(simUrl).Authority; // the simulator listens on loopback
        }

        foreach (var (key, value) in simUrl is not null && options.SimulatorSettings is { } simSettings ? simSettings(simUrl) : new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        foreach (var (key, value) in options.Settings)
        {
            settings[key] = value;
        }

        _hub = new Lazy<HubFactory>(() => new HubFactory(connectionString, settings, services =>
        {
            if (Clock is not null)
            {
                services.AddSingleton<TimeProvider>(Clock);
            }

            options.Services?.Invoke(services);
        }));
    }

    public string ConnectionString { get; }

    public NpgsqlDataSource Db { get; }

    /// <summary>The hub's web host, built on first use (at start when <see cref="HubWorldOptions.WebHost"/>).</summary>
    public HubFactory Hub => _hub.Value;

    /// <summary>The manual clock given to the hub, when asked for.</summary>
    public ManualClock? Clock { get; }

    /// <summary>The tenant made at start when <see cref="HubWorldOptions.Tenant"/> names one.</summary>
    public Guid TenantId { get; } = Guid.NewGuid();

    public static Task<HubWorld> StartAsync(CancellationToken cancellationToken = default) => StartAsync(new HubWorldOptions(), cancellationToken);

    public static async Task<HubWorld> StartAsync(HubWorldOptions options, CancellationToken cancellationToken = default)
    {
        string cs = await TestPostgres.CreateDatabaseAsync(options.Migrated);
        WebApplication? sim = null;
        string? simUrl = null;
        if (options.Simulator)
        {
            string[] listen = options.SimulatorTls?.KestrelArgs() ?? ["--urls", "http://127.0.0.1:0"];
            sim = SimulatorApp.Build([.. listen, "--Logging:LogLevel:Default=Warning"], o =>
            {
                o.DeliveryRetryDelay = TimeSpan.FromMilliseconds(50);
                options.SimulatorOptions?.Invoke(o);
            });
            await sim.StartAsync(cancellationToken);
            simUrl = sim.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        }

        var world = new HubWorld(cs, options, sim, simUrl);
        if (options.Tenant is { } tenant)
        {
            await world.ExecAsync("INSERT INTO tenants (id, name, slug, created_at) VALUES ($1, $2, $3, now())",
                world.TenantId, tenant, "w-" + world.TenantId.ToString("N")[..8]);
        }

        if (options.WebHost)
        {
            _ = world.Hub.Server; // start the host now, not inside the first test
        }

        return world;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers.ToList())
        {
            await StopWorkerAsync(worker, CancellationToken.None);
        }

        if (_hub.IsValueCreated)
        {
            await _hub.Value.DisposeAsync();
        }

        _simClient?.Dispose();
        await Db.DisposeAsync();
        if (_sim is not null)
        {
            await _sim.StopAsync();
            await _sim.DisposeAsync();
        }
    }
}
