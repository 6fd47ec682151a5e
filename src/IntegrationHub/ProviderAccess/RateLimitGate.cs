using IntegrationHub.Data;
using IntegrationHub.Providers.Api;
using IntegrationHub.Settings;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.ProviderAccess;

/// <summary>
/// Slows down before a connection runs out: when the provider's last answer says fewer calls remain than the reserve,
/// work waits for the window's reset. The latest figures are kept on the connection row (shared with the poll). A limit
/// the provider already hit (429, a secondary 403, Retry-After) pauses the whole connection: see <see cref="PauseAsync"/>.
/// </summary>
internal sealed class RateLimitGate(NpgsqlDataSource db, TimeProvider clock, IOptions<DiscoverOptions> options)
{
    /// <summary>When to resume, or null when calls may go on.</summary>
    public DateTimeOffset? WaitUntil(int? remaining, DateTimeOffset? resetAt)
    {
        int reserve = options.Value.RateLimitReserve;
        return reserve >= 0 && remaining is { } left && left <= reserve && resetAt is { } reset && reset > clock.GetUtcNow() ? reset : null;
    }

    public DateTimeOffset? WaitUntil(Connection connection) => WaitUntil(connection.RateLimitRemaining, connection.RateLimitResetAt);

    public DateTimeOffset? WaitUntil(RateLimitSnapshot? snapshot) => snapshot is null ? null : WaitUntil(snapshot.Remaining, snapshot.ResetAt);

    public async Task RecordAsync(Guid connectionId, RateLimitSnapshot? snapshot, CancellationToken ct)
    {
        if (snapshot?.Remaining is not { } remaining)
        {
            return;
        }

        await using var cmd = db.CreateCommand("UPDATE connections SET rate_limit_remaining = $2, rate_limit_reset_at = $3 WHERE id = $1");
        cmd.Parameters.Add(new() { Value = connectionId });
        cmd.Parameters.Add(new() { Value = remaining });
        cmd.Parameters.Add(new() { Value = (object?)snapshot.ResetAt ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Records that the provider refused the connection's token until <paramref name="until"/>: the queue claims none of
    /// the connection's work before then, and items already claimed are postponed without calling (WorkRunner). Never
    /// shortens a pause already recorded.
    /// </summary>
    public async Task PauseAsync(Guid connectionId, DateTimeOffset until, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            UPDATE connections SET rate_limited_until = greatest(rate_limited_until, $2) WHERE id = $1
            """);
        cmd.Parameters.Add(new() { Value = connectionId });
        cmd.Parameters.Add(new() { Value = until });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
