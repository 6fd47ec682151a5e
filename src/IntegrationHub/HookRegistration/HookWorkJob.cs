using IntegrationHub.Data;
using IntegrationHub.Jobs;
using IntegrationHub.Settings;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace IntegrationHub.HookRegistration;

/// <summary>
/// Recurring on the cluster: claims per-repository hook work (register, remove, rotate) in batches and runs a few at
/// once. Every node's firings take different items (SKIP LOCKED), so a large connection is hooked by all nodes together.
/// </summary>
internal sealed partial class HookWorkJob(WorkRunner runner, IOptions<DiscoverOptions> options, IHostApplicationLifetime lifetime,
    ILogger<HookWorkJob> log) : IJob
{
    public static readonly JobKey Key = new("hook-work", "hooks");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, lifetime.ApplicationStopping);
        try
        {
            await runner.RunAsync(WorkKinds.HookKinds, Math.Max(1, options.Value.BatchSize), options.Value.Concurrency, linked.Token);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            // Host stopping: leased items are taken again elsewhere once their lease runs out.
        }
        catch (Exception ex)
        {
            LogFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hook work firing failed")]
    private partial void LogFailed(Exception ex);
}
