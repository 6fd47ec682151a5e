using IntegrationHub.ProviderSim;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.World;

/// <summary>What a test needs of the <see cref="HubWorld"/>: each piece is off unless asked for, except the database.</summary>
public sealed record HubWorldOptions
{
    /// <summary>Start the provider simulator in-process on a dynamic loopback port (the hub is allowed to call it).</summary>
    public bool Simulator { get; init; }

    /// <summary>Simulator settings on top of the world's (a short delivery retry delay).</summary>
    public Action<SimulatorOptions>? SimulatorOptions { get; init; }

    /// <summary>Start the hub's web host (TestServer) now, so tests can use its services before the first request.</summary>
    public bool WebHost { get; init; } = true;

    /// <summary>Hub settings; a test's own setting wins over the world's.</summary>
    public IDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Services replaced after the hub registered its own.</summary>
    public Action<IServiceCollection>? Services { get; init; }

    /// <summary>Give the hub a <see cref="ManualClock"/> (starting at the real now) instead of the system clock.</summary>
    public bool ManualClock { get; init; }

    /// <summary>Make a tenant of this name at start (its id is <see cref="HubWorld.TenantId"/>).</summary>
    public string? Tenant { get; init; }

    /// <summary>The hub's public base URL for worker nodes; a closed port by default, so deliveries go nowhere.</summary>
    public string PublicBaseUrl { get; init; } = "http://127.0.0.1:9";

    /// <summary>
    /// The simulator, a tenant and worker nodes on demand, no web host: the discovery and hook tests' world (deliveries
    /// retried fast and timed out early, as those tests look at hooks, not ingestion).
    /// </summary>
    public static HubWorldOptions Workers => new()
    {
        Simulator = true,
        SimulatorOptions = o =>
        {
            o.DeliveryRetryDelay = TimeSpan.FromMilliseconds(20);
            o.DeliveryTimeout = TimeSpan.FromSeconds(2);
        },
        WebHost = false,
        Tenant = "Discover",
    };

    /// <summary>
    /// Hub settings that name the simulator's URL, known only once it listens (see <see cref="PlatformApps"/>); applied
    /// to the web host before <see cref="Settings"/>, which still win.
    /// </summary>
    public Func<string, IDictionary<string, string?>>? SimulatorSettings { get; init; }

    /// <summary>Serve the simulator over HTTPS with a certificate of this private CA; the world's simulator clients trust only it.</summary>
    internal PrivateCa? SimulatorTls { get; init; }

    /// <summary>Clone the migrated template (the default); false gives an empty database, for the migrator's own tests (no web host then).</summary>
    public bool Migrated { get; init; } = true;
}
