using System.Text.Json;
using IntegrationHub.Providers;
using IntegrationHub.Providers.Events;
using IntegrationHub.Telemetry;
using IntegrationHub.Transport;
using Npgsql;

namespace IntegrationHub.Events;

/// <summary>
/// The one way events are written, by webhook processing and by the poll alike: insert by (repository, natural key)
/// and do nothing on conflict, so whichever source sees an event first stores it and the other is a no-op.
/// An event first stored by the poll counts as "recovered by poll" on its hook: the webhook missed it.
/// Each event stored is told to the current span (a delivery's processing, a repository's poll) as a span event with its id
/// and kind, when that span is recorded: one span per event would outnumber the rest of the trace.
/// </summary>
public sealed class EventStore(TimeProvider clock)
{
    /// <summary>Stores the events not stored yet, inside the caller's transaction. Returns how many were new.</summary>
    public async Task<int> StoreAsync(NpgsqlConnection conn, NpgsqlTransaction tx, EventTarget target, IReadOnlyList<NormalizedEvent> events,
        EventSource source, long? deliveryId, CancellationToken ct)
    {
        int stored = 0;
        var now = clock.GetUtcNow();
        foreach (var e in events)
        {
            await using var cmd = new NpgsqlCommand("""
                INSERT INTO events (tenant_id, connection_id, repository_id, provider, kind, natural_key, source, delivery_id,
                                    actor_login, actor_name, html_url, occurred_at, recorded_at, mentions, payload)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::jsonb)
                ON CONFLICT (repository_id, natural_key) DO NOTHING
                RETURNING id
                """, conn, tx);
            cmd.Parameters.Add(new() { Value = target.TenantId });
            cmd.Parameters.Add(new() { Value = target.ConnectionId });
            cmd.Parameters.Add(new() { Value = target.RepositoryId });
            cmd.Parameters.Add(new() { Value = e.Provider.ToSlug() });
            cmd.Parameters.Add(new() { Value = e.Kind.ToString() });
            cmd.Parameters.Add(new() { Value = e.NaturalKey });
            cmd.Parameters.Add(new() { Value = source == EventSource.Poll ? "poll" : "webhook" });
            cmd.Parameters.Add(new() { Value = (object?)deliveryId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
            cmd.Parameters.Add(new() { Value = (object?)e.Actor?.Login ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            cmd.Parameters.Add(new() { Value = (object?)e.Actor?.DisplayName ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            cmd.Parameters.Add(new() { Value = (object?)e.HtmlUrl ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            // Providers send local offsets (GitLab "+01:00"); timestamptz parameters must be UTC.
            cmd.Parameters.Add(new() { Value = e.OccurredAt.ToUniversalTime() });
            cmd.Parameters.Add(new() { Value = now });
            cmd.Parameters.Add(new() { Value = e.Mentions.ToArray() });
            cmd.Parameters.Add(new() { Value = JsonSerializer.Serialize(e with { Source = source }, EventJson.Options) });
            if (await cmd.ExecuteScalarAsync(ct) is long id)
            {
                stored++;
                HubTracing.Recording?.AddEvent(new("event stored", tags: new()
                {
                    [HubTracing.EventIdTag] = id,
                    [HubTracing.EventKindTag] = e.Kind.ToString(),
                }));
            }
        }

        if (stored > 0 && source == EventSource.Poll && target.HookId is { } hookId)
        {
            await using var count = new NpgsqlCommand("UPDATE hooks SET recovered_by_poll_count = recovered_by_poll_count + $2 WHERE id = $1", conn, tx);
            count.Parameters.Add(new() { Value = hookId });
            count.Parameters.Add(new() { Value = (long)stored });
            await count.ExecuteNonQueryAsync(ct);
        }

        return stored;
    }
}
