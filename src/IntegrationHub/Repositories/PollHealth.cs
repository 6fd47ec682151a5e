using IntegrationHub.Data;
using IntegrationHub.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Repositories;

/// <summary>
/// Read side for the home page, inside a request (tenant filtered): per connection whether deliveries arrive and whether
/// the poll keeps up. A repository's own poll is the Repositories list's (RepositoryListing) and its page's.
/// </summary>
public sealed class PollHealth(HubDb db, TimeProvider clock, IOptions<PollOptions> options)
{
    /// <summary>A repository is overdue when its poll is late by more than this many intervals.</summary>
    private const int LateIntervals = 2;

    public async Task<IReadOnlyList<PollConnectionHealth>> ForConnectionsAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var late = now - options.Value.Interval * LateIntervals;
        var connections = await db.Connections.AsNoTracking().OrderBy(c => c.DisplayName)
            .Select(c => new { c.Id, c.DisplayName, c.Provider, c.RateLimitRemaining, HasToken = c.AccessTokenProtected != null || c.AuthKind == AuthKinds.GitHubApp, c.SyncMode }).ToListAsync(ct);
        var hooks = await db.Hooks.AsNoTracking().Where(h => h.Status != HookStatus.Removed)
            .GroupBy(h => h.ConnectionId)
            .Select(g => new { g.Key, Last = g.Max(h => h.LastDeliveryAt), Recovered = g.Sum(h => h.RecoveredByPollCount) }).ToListAsync(ct);
        var polls = await db.PollStates.AsNoTracking().GroupBy(p => p.ConnectionId)
            .Select(g => new
            {
                g.Key,
                Count = g.Count(),
                Overdue = g.Count(p => p.NextPollAt < late && p.LastOutcome != PollOutcomes.Deferred),
                Failing = g.Count(p => p.ConsecutiveFailures > 0),
                Last = g.Max(p => p.LastPolledAt),
            }).ToListAsync(ct);
        return connections.Select(c =>
        {
            var h = hooks.FirstOrDefault(x => x.Key == c.Id);
            var p = polls.FirstOrDefault(x => x.Key == c.Id);
            return new PollConnectionHealth(c.Id, c.DisplayName, c.Provider, p?.Count ?? 0, h?.Last, h?.Recovered ?? 0,
                p?.Overdue ?? 0, p?.Failing ?? 0, p?.Last, c.RateLimitRemaining, c.HasToken, c.SyncMode);
        }).ToList();
    }
}
