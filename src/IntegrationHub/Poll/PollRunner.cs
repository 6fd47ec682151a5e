using IntegrationHub.Settings;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Poll;

/// <summary>
/// One cycle on one node: create missing poll_state rows, then claim due repositories batch by batch and poll them,
/// at most <see cref="PollOptions.MaxConcurrencyPerConnection"/> at a time per connection and
/// <see cref="PollOptions.MaxConcurrencyPerHost"/> per provider host.
/// </summary>
internal sealed class PollRunner(PollScheduler scheduler, RepositoryPoller poller, KeyedGates gates, IOptions<PollOptions> options)
{
    /// <summary>Polls everything due now; returns the repositories this node polled, with their outcomes.</summary>
    public async Task<IReadOnlyList<(Guid RepositoryId, string Outcome)>> RunCycleAsync(string node, CancellationToken ct, int maxBatches = 20)
    {
        var o = options.Value;
        await scheduler.SyncAsync(ct);
        var polled = new List<(Guid, string)>();
        for (int i = 0; i < maxBatches; i++)
        {
            var batch = await scheduler.ClaimAsync(node, Math.Max(1, o.BatchSize), ct);
            if (batch.Count == 0)
            {
                break;
            }

            var results = await Task.WhenAll(batch.Select(t => PollGatedAsync(t, node, ct)));
            polled.AddRange(results);
        }

        return polled;
    }

    private async Task<(Guid, string)> PollGatedAsync(PollTarget target, string node, CancellationToken ct)
    {
        var o = options.Value;
        SemaphoreSlim connection = gates.For("connection:" + target.ConnectionId, o.MaxConcurrencyPerConnection);
        SemaphoreSlim host = gates.For("host:" + target.Host, o.MaxConcurrencyPerHost);
        await connection.WaitAsync(ct);
        try
        {
            await host.WaitAsync(ct);
            try
            {
                return (target.RepositoryId, (await poller.PollAsync(target, node, ct)).Outcome);
            }
            finally
            {
                host.Release();
            }
        }
        finally
        {
            connection.Release();
        }
    }
}
