using IntegrationHub.Providers;
using Npgsql;

namespace IntegrationHub.Telemetry;

/// <summary>
/// The one round trip behind every state gauge. Each part reads an index or a small table: the inbox's and the outbound
/// queue's partial "due" indexes, poll_state's due index, subscriptions and connections (one row per endpoint and per
/// connection), and a grouped count of hooks.
/// </summary>
internal static class HubStateQuery
{
    /// <summary>The CHECK constraint of hooks.status (migration 0003): the hook gauge's only tag values, each reported (0 too).</summary>
    private static readonly string[] HookStates = ["pending", "registered", "failed", "disabled", "removing", "removed"];

    public static HubStateSnapshot Read(NpgsqlDataSource db, DateTimeOffset now, TimeSpan pollInterval)
    {
        using var conn = db.OpenConnection();
        // A batch, not one command of three statements: with positional parameters each statement must stand alone.
        using var batch = new NpgsqlBatch(conn);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            SELECT (SELECT count(*) FROM deliveries WHERE status IN ('pending', 'processing')),
                   (SELECT min(received_at) FROM deliveries WHERE status IN ('pending', 'processing')),
                   (SELECT count(*) FROM outbound_deliveries WHERE status IN ('pending', 'delivering')),
                   (SELECT count(*) FROM subscriptions WHERE enabled AND failing_since IS NOT NULL),
                   (SELECT min(failing_since) FROM subscriptions WHERE enabled AND failing_since IS NOT NULL)
            """));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT status, count(*) FROM hooks GROUP BY status"));
        var providers = new NpgsqlBatchCommand("""
            SELECT c.provider,
                   (SELECT count(*) FROM poll_state p JOIN connections pc ON pc.id = p.connection_id
                    WHERE p.next_poll_at < $1 AND pc.provider = c.provider),
                   min(c.rate_limit_remaining) FILTER (WHERE c.status = 'active'),
                   count(*) FILTER (WHERE c.rate_limited_until > $2)
            FROM connections c GROUP BY c.provider
            """);
        providers.Parameters.Add(new NpgsqlParameter { Value = now - pollInterval });
        providers.Parameters.Add(new NpgsqlParameter { Value = now });
        batch.BatchCommands.Add(providers);
        using var reader = batch.ExecuteReader();
        reader.Read();
        long inbox = reader.GetInt64(0);
        DateTimeOffset? oldest = reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1);
        long outbound = reader.GetInt64(2);
        long failing = reader.GetInt64(3);
        DateTimeOffset? failingSince = reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4);

        reader.NextResult();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (reader.Read())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        var hooks = HookStates.Select(state => (state, counts.GetValueOrDefault(state))).ToList();

        reader.NextResult();
        var byProvider = new List<HubProviderState>();
        while (reader.Read())
        {
            // The row's text becomes a tag only as the catalog's own slug: five values at most.
            if (ProviderSlugs.TryParse(reader.GetString(0), out var kind))
            {
                byProvider.Add(new HubProviderState(kind.ToSlug(), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt32(2), reader.GetInt64(3)));
            }
        }

        return new HubStateSnapshot(inbox, oldest, outbound, failing, failingSince, hooks, byProvider);
    }
}
