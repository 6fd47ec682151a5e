using Npgsql;

namespace IntegrationHub.Secrets;

/// <summary>
/// Refuses <c>--reprotect-secrets</c> while worker nodes are still running. Running nodes keep their cached key ring
/// (the key this command revokes as their default) for up to 24 h, so what they write afterwards (new or refreshed
/// tokens, hook secrets) would be unreadable once they reload; a row they hold may also overwrite a re-encrypted value.
/// Web nodes do not heartbeat, so this catches only workers: the README says to stop every node.
/// </summary>
internal static class RunningNodes
{
    /// <summary>The line to print when a worker node beat within <paramref name="within"/>; null when none did.</summary>
    public static async Task<string?> ProblemAsync(NpgsqlDataSource db, TimeSpan within, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var recent = new List<string>();
        await using (var cmd = db.CreateCommand("SELECT node_id, last_beat_at FROM worker_heartbeats WHERE last_beat_at > $1 ORDER BY last_beat_at DESC"))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = now - within });
            await using var rows = await cmd.ExecuteReaderAsync(ct);
            while (await rows.ReadAsync(ct))
            {
                // A node whose clock runs ahead of this one shows 0 s rather than a negative age.
                var age = now - rows.GetFieldValue<DateTimeOffset>(1);
                recent.Add($"{rows.GetString(0)} ({Math.Max(0, (int)age.TotalSeconds)} s ago)");
            }
        }

        return recent.Count == 0 ? null
            : $"worker node(s) recorded a heartbeat within the last {(int)within.TotalSeconds} s: {string.Join(", ", recent)}. "
                + "Stop every web and worker node first, then run this again once no heartbeat is that recent: a node left running "
                + "keeps the old key ring cached for up to 24 h, and the secrets it writes meanwhile would be unreadable afterwards. "
                + "Nothing was changed.";
    }
}
