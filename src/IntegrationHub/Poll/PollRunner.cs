using IntegrationHub.Data;
using IntegrationHub.Providers;
using IntegrationHub.Settings;
using IntegrationHub.Telemetry;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Poll;

/// <summary>
/// One cycle on one node: create missing poll_state rows, then claim due repositories batch by batch and poll them,
/// connection by connection: where the provider has a change probe, one request asks many repositories whether anything
/// moved and only those that did are read in full (<see cref="ProbePass"/>). Requests in flight are bounded per
/// connection (per token, <see cref="PollOptions.MaxConcurrencyPerConnection"/>) and per provider host
/// (<see cref="PollOptions.MaxConcurrencyPerHost"/>).
/// </summary>
internal sealed class PollRunner(PollScheduler scheduler, ProbePass probes, RepositoryPoller poller, KeyedGates gates, IOptions<PollOptions> options,
    TimeProvider clock)
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

            var claimedAt = clock.GetUtcNow();
            foreach (var target in batch)
            {
                HubMetrics.PollLag.Record(Math.Max(0, (claimedAt - target.NextPollAt).TotalSeconds), ProviderTag(target));
            }

            var results = await Task.WhenAll(batch.GroupBy(t => t.ConnectionId).Select(c => PollConnectionAsync([.. c], node, ct)));
            polled.AddRange(results.SelectMany(r => r));
            CountOutcomes(batch, results.SelectMany(r => r));
        }

        return polled;
    }

    private static void CountOutcomes(IReadOnlyList<PollTarget> batch, IEnumerable<(Guid RepositoryId, string Outcome)> outcomes)
    {
        var providers = batch.ToDictionary(t => t.RepositoryId, ProviderTag);
        foreach (var (repositoryId, outcome) in outcomes)
        {
            HubMetrics.RepositoriesPolled.Add(1, providers[repositoryId], new KeyValuePair<string, object?>(HubMetrics.OutcomeTag, outcome));
        }
    }

    /// <summary>The catalog's slug as a tag, not the row's text: five values at most.</summary>
    private static KeyValuePair<string, object?> ProviderTag(PollTarget target) =>
        new(HubMetrics.ProviderTag, ProviderSlugs.TryParse(target.Provider, out var kind) ? kind.ToSlug() : "unknown");

    private async Task<IEnumerable<(Guid, string)>> PollConnectionAsync(IReadOnlyList<PollTarget> targets, string node, CancellationToken ct)
    {
        var full = await probes.RunAsync(targets, node, ct);
        var read = full.Select(f => f.Target.RepositoryId).ToHashSet();
        var results = await Task.WhenAll(full.Select(f => PollGatedAsync(f.Target, f.Mark, node, ct)));
        return results.Concat(targets.Where(t => !read.Contains(t.RepositoryId)).Select(t => (t.RepositoryId, PollOutcomes.Ok)));
    }

    private async Task<(Guid, string)> PollGatedAsync(PollTarget target, ProbeMark? mark, string node, CancellationToken ct)
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
                return (target.RepositoryId, (await poller.PollAsync(target, node, ct, mark)).Outcome);
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
