using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.Faults;

/// <summary>
/// One provider's API as the fault middleware sees it: which paths are its API (OAuth pages and the web stay usable
/// while the API misbehaves), and the refusal it gives when rate-limited, in its own status, headers and body.
/// </summary>
internal interface IApiFaults
{
    ProviderId Provider { get; }

    bool IsApiPath(PathString path);

    Task WriteRateLimit(HttpContext context, FaultSettings faults, DateTimeOffset now);
}
