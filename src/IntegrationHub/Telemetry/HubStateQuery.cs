using IntegrationHub.Providers;
using Npgsql;

namespace IntegrationHub.Telemetry;

/// <summary>
/// The one round trip behind every state gauge. Each part reads an index or a small table: the inbox's and the outbound
/// queue's partial "due" and "failed" indexes, poll_state's due index, subscriptions and connections (one row per endpoint
/// and per connection, read twice: grouped by provider, and the lowest budgets), and a grouped count of hooks.
/// </summary>
internal static class HubStateQuery
{
    /// <summary>The CHECK constraint of hooks.status (migration 0003): the hook gauge's only tag values, each reported (0 too).</summary>
    private static readonly string[] HookStates = ["pending", "registered", "failed", "disabled", "removing", "removed"];

    /// <summary>
    /// How many connections the per-connection rate-limit gauge reports: the lowest budgets only, so its series stay
    /// this many however many customers connect (and an operator looks up the rest on the Integrations page).
    /// </summary>
    public const int LowestConnections = 10;

    public static HubStateSnapshot Read(NpgsqlDataSource db, DateTimeOffset now, TimeSpan pollInterval)
    {
        using var conn = db.OpenConnection();
        // A batch, not one command of three statements: with positional parameters each statement must stand alone.
        using var batch = new NpgsqlBatch(conn);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            SELECT (SELECT count(*) FROM deliveries WHERE status IN ('pending', 'processing')),
                   (SELECT min(received_at) FROM deliveries WHERE status IN ('pending', 'processing')),
                   (SELECT count(*) FROM outbound_deliveries WHERE status IN ('pending', 'delivering')),
                   (SELECT count(*) FROM outbound_deliveries WHERE status = 'failed'),
                   (SELECT count(*) FROM subscriptions WHERE enabled AND failing_since IS NOT NULL),
                   (SELECT min(failing_since) FROM subscriptions WHERE enabled AND failing_since IS NOT NULL)
            """));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT status, count(*) FROM hooks GROUP BY status"));
        // A budget whose window has reset (reset_at passed) is stale: the provider has refilled it.
        var providers = new NpgsqlBatchCommand("""
            SELECT c.provider,
                   (SELECT count(*) FROM poll_state p JOIN connections pc ON pc.id = p.connection_id
                    WHERE p.next_poll_at < $1 AND pc.provider = c.provider),
                   min(c.rate_limit_remaining) FILTER (WHERE c.status = 'active' AND (c.rate_limit_reset_at IS NULL OR c.rate_limit_reset_at > $2)),
                   count(*) FILTER (WHERE c.rate_limited_until > $2)
            FROM connections c GROUP BY c.provider
            """);
        providers.Parameters.Add(new NpgsqlParameter { Value = now - pollInterval });
        providers.Parameters.Add(new NpgsqlParameter { Value = now });
        batch.BatchCommands.Add(providers);
        var lowest = new NpgsqlBatchCommand($"""
            SELECT id, provider, rate_limit_remaining FROM connections
            WHERE status = 'active' AND rate_limit_remaining IS NOT NULL AND (rate_limit_reset_at IS NULL OR rate_limit_reset_at > $1)
            ORDER BY rate_limit_remaining, id LIMIT {LowestConnections}
            """);
        lowest.Parameters.Add(new NpgsqlParameter { Value = now });
        batch.BatchCommands.Add(lowest);
        using var reader = batch.ExecuteReader();
        reader.Read();
        long inbox = reader.GetInt64(0);
        DateTimeOffset? oldest = reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1);
        long outbound = reader.GetInt64(2);
        long outboundFailed = reader.GetInt64(3);
        long failing = reader.GetInt64(4);
        DateTimeOffset? failingSince = reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5);

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

        reader.NextResult();
        var connections = new List<HubConnectionBudget>();
        while (reader.Read())
        {
            if (ProviderSlugs.TryParse(reader.GetString(1), out var kind))
            {
                connections.Add(new HubConnectionBudget(reader.GetGuid(0).ToString(), kind.ToSlug(), reader.GetInt32(2)));
            }
        }

        return new HubStateSnapshot(inbox, oldest, outbound, outboundFailed, failing, failingSince, hooks, byProvider, connections);
    }
}
