using IntegrationHub.Local;
using IntegrationHub.ProviderSim;

namespace IntegrationHub.Tests.World;

/// <summary>
/// The world wired as the demo wires hub and simulator: the platform OAuth apps registered at the simulator with the
/// hub's exact callback URLs (the TestServer answers at <see cref="HubUrl"/>), approved without a consent page, and
/// configured in the hub; worker nodes get the same hook URLs. Tests add their own settings with <c>with { ... }</c>.
/// </summary>
internal static class PlatformApps
{
    /// <summary>Where the hub's TestServer answers, so the callback and hook URLs it builds.</summary>
    public const string HubUrl = "http://localhost";

    /// <param name="simulator">Simulator settings on top of the demo's apps and auto-approval.</param>
    public static HubWorldOptions Options(Action<SimulatorOptions>? simulator = null) => new()
    {
        Simulator = true,
        SimulatorOptions = o =>
        {
            DemoProviders.Configure(o, HubUrl);
            o.AutoApprove = true;
            simulator?.Invoke(o);
        },
        SimulatorSettings = HubSettings,
        PublicBaseUrl = HubUrl,
    };

    /// <summary>The hub's settings for the platform apps at <paramref name="simUrl"/> (web host and worker nodes alike).</summary>
    public static Dictionary<string, string?> HubSettings(string simUrl)
    {
        var settings = DemoProviders.HubSettings(simUrl);
        settings["Hub:PublicBaseUrl"] = HubUrl;
        return settings;
    }
}
