using IntegrationHub.Jobs;
using IntegrationHub.Settings;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.HookRegistration;

/// <summary>
/// Compares what the watch settings want with the hooks we have and enqueues hook jobs for the repositories that differ,
/// in batches of Hub:Discover:BatchSize (one statement finds them, however many repositories there are). A repository wants a hook when its connection is active and
/// it is watched, present and not archived. A hook that failed is tried again by a later plan (the reconciliation every
/// Hub:Hooks:ReconcileMinutes, a refresh, the nightly discovery) once its back-off has passed: 5 minutes after the
/// failure, doubling with each registration attempt, at most a day; "Retry" on the Repositories page queues it at once.
/// A connection without a token (webhook-only: the person added the hook themselves) gets no hook work at all; one in
/// sync mode "poll" wants no hook, so its hooks are removed.
/// </summary>
internal sealed class HookPlanner(NpgsqlDataSource db, JobStarter jobs, TimeProvider clock, IOptions<DiscoverOptions> options) : IHookPlanning
{
    // HookWanted says the same for one repository.
    private const string Wanted = "c.status = 'active' AND c.sync_mode <> 'poll' AND c.auth_kind <> 'github_app' AND r.watched AND r.status = 'active' AND NOT r.archived";

    // A permanent refusal (no admin rights, a repository locked) may be lifted by a person later; retrying it at every
    // plan would spend calls on it forever, so the wait doubles with each attempt: 5 min, 10 min, 20 min … 1 day.
    private const string FailedBackoff =
        "least(interval '1 day', interval '5 minutes' * power(2, least(greatest(h.register_attempts - 1, 0), 10)))";

    public async Task<(int Register, int Remove)> PlanAsync(Guid connectionId, CancellationToken ct)
    {
        var register = await SelectAsync($"""
            {Wanted} AND NOT EXISTS (SELECT 1 FROM hooks h WHERE h.repository_id = r.id AND (h.status IN ('registered', 'disabled')
                OR (h.status = 'failed' AND h.updated_at > $2 - {FailedBackoff})))
            """, connectionId, ct);
        var remove = await SelectAsync($"""
            NOT ({Wanted}) AND EXISTS (SELECT 1 FROM hooks h WHERE h.repository_id = r.id AND h.status <> 'removed')
            """, connectionId, ct);
        // One job converges a repository either way, so both lists share batches.
        await jobs.HookBatchesAsync(connectionId, [.. register, .. remove], Math.Max(1, options.Value.BatchSize), ct);
        return (register.Count, remove.Count);
    }

    private async Task<List<Guid>> SelectAsync(string where, Guid connectionId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            SELECT r.id FROM repositories r JOIN connections c ON c.id = r.connection_id
            WHERE r.connection_id = $1 AND c.access_token_protected IS NOT NULL AND {where}
            ORDER BY r.id
            """);
        cmd.Parameters.Add(new() { Value = connectionId });
        cmd.Parameters.Add(new() { Value = clock.GetUtcNow() });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var ids = new List<Guid>();
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }
}
