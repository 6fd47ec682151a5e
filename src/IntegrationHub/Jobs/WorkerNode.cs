using IntegrationHub.Settings;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Jobs;

/// <summary>This worker node's identity and last heartbeat, for logs and the worker's health endpoint.</summary>
public sealed class WorkerNode(IOptions<HubOptions> options)
{
    public string Id { get; } = IdFrom(options.Value);

    internal static string IdFrom(HubOptions hub) => hub.Worker.NodeId ?? $"{Environment.MachineName}-{Environment.ProcessId}";

    public DateTimeOffset? LastBeatAt { get; private set; }

    public TimeSpan StaleAfter { get; } = options.Value.Worker.StaleAfter;

    internal void Beat(DateTimeOffset at) => LastBeatAt = at;
}
