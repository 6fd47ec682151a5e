using IntegrationHub.Providers;
using IntegrationHub.Providers.Api;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.ProviderAccess;

/// <summary>
/// Keeps hook creation under the provider's content-creation limit per connection (= per token), counted across every
/// node: each creation takes a slot in hook_creations under a per-connection advisory lock, in sliding windows of a
/// minute and an hour, so no clock minute or hour the provider may count holds more than the allowance. Providers
/// without a documented limit are not paced.
/// </summary>
public sealed class HookCreationPace(NpgsqlDataSource db, TimeProvider clock, IOptions<HookPaceOptions> options)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>The pace for the provider after the margin; null when the provider documents no creation limit or pacing is off.</summary>
    public HookCreationAllowance? AllowanceFor(ProviderDescriptor descriptor) => options.Value.PaceCreations && descriptor.CreationLimits is { } limits
        ? new(descriptor.DisplayName, Math.Max(1, limits.PerMinute - options.Value.CreationMarginPerMinute),
            Math.Max(1, limits.PerHour - options.Value.CreationMarginPerHour), limits.PerMinute)
        : null;

    /// <summary>As <see cref="AllowanceFor(ProviderDescriptor)"/> for a connection's stored provider slug (the card's and the API's estimate).</summary>
    public HookCreationAllowance? AllowanceFor(string provider) =>
        ProviderCatalog.TryFind(provider, out var module) ? AllowanceFor(module.Descriptor) : null;

    /// <summary>
    /// Takes a creation slot for the connection: null when taken (create now), otherwise when the next slot frees (wait
    /// until then; nothing was taken).
    /// </summary>
    public async Task<DateTimeOffset?> TryTakeAsync(Guid connectionId, ProviderDescriptor descriptor, CancellationToken ct)
    {
        if (AllowanceFor(descriptor) is not { } allowance)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await ExecAsync(conn, tx, "SELECT pg_advisory_xact_lock(hashtextextended('hook-creations:' || $1::text, 0))", ct, connectionId);
        await ExecAsync(conn, tx, "DELETE FROM hook_creations WHERE connection_id = $1 AND created_at <= $2", ct, connectionId, now - Hour);
        var taken = new List<DateTimeOffset>(); // the last hour's, oldest first
        await using (var cmd = new NpgsqlCommand(
            "SELECT created_at FROM hook_creations WHERE connection_id = $1 AND created_at > $2 ORDER BY created_at", conn, tx))
        {
            cmd.Parameters.Add(new() { Value = connectionId });
            cmd.Parameters.Add(new() { Value = now - Hour });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                taken.Add(reader.GetFieldValue<DateTimeOffset>(0));
            }
        }

        var lastMinute = taken.Where(t => t > now - Minute).ToList();
        DateTimeOffset? wait = null;
        if (lastMinute.Count >= allowance.PerMinute)
        {
            // The window holds one fewer once the oldest that keeps it full leaves it.
            wait = lastMinute[lastMinute.Count - allowance.PerMinute] + Minute;
        }

        if (taken.Count >= allowance.PerHour)
        {
            var hourWait = taken[taken.Count - allowance.PerHour] + Hour;
            wait = wait is { } w && w > hourWait ? w : hourWait;
        }

        if (wait is not null)
        {
            await tx.RollbackAsync(ct);
            return wait;
        }

        await ExecAsync(conn, tx, "INSERT INTO hook_creations (connection_id, created_at) VALUES ($1, $2)", ct, connectionId, now);
        await tx.CommitAsync(ct);
        return null;
    }

    private static async Task ExecAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct, params object[] values)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        foreach (var value in values)
        {
            cmd.Parameters.Add(new() { Value = value });
        }

        await cmd.ExecuteNonQueryAsync(ct);
    }
}
