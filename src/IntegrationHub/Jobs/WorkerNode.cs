using IntegrationHub.Settings;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Jobs;

/// <summary>This worker node's identity and when its heartbeat counts as stale, for logs and the worker's health endpoint.</summary>
public sealed class WorkerNode(IOptions<HubOptions> options)
{
    public string Id { get; } = IdFrom(options.Value);

    internal static string IdFrom(HubOptions hub) => hub.Worker.NodeId ?? $"{Environment.MachineName}-{Environment.ProcessId}";

    public TimeSpan StaleAfter { get; } = options.Value.Worker.StaleAfter;
}
