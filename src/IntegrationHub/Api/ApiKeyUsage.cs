using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IntegrationHub.Api;

/// <summary>
/// Counts API key uses in memory and writes them (last_used_at, the day's count) at most once a minute per key and node,
/// so a consumer polling reads does not turn every read into a write. A key's first use on a node writes at once;
/// <see cref="ApiKeyUsageFlusher"/> writes what is left each minute and at shutdown. A crash loses at most a minute of
/// counts, which is fine for a usage figure (the audit log holds what must not be lost).
/// </summary>
public sealed partial class ApiKeyUsage(NpgsqlDataSource dataSource, TimeProvider clock, ILogger<ApiKeyUsage> logger)
{
    private static readonly TimeSpan WriteEvery = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<Guid, Tally> _tallies = new();

    public async Task CountAsync(Guid keyId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var tally = _tallies.GetOrAdd(keyId, _ => new Tally());
        int uses;
        lock (tally)
        {
            tally.Pending++;
            if (now - tally.WrittenAt < WriteEvery)
            {
                return;
            }

            uses = tally.Pending;
            tally.Pending = 0;
            tally.WrittenAt = now;
        }

        await WriteAsync(keyId, uses, now, ct);
    }

    /// <summary>Writes every key's pending count.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        foreach (var (keyId, tally) in _tallies)
        {
            int uses;
            lock (tally)
            {
                uses = tally.Pending;
                tally.Pending = 0;
                if (uses > 0)
                {
                    tally.WrittenAt = now;
                }
            }

            if (uses > 0)
            {
                await WriteAsync(keyId, uses, now, ct);
            }
        }
    }

    private async Task WriteAsync(Guid keyId, int uses, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            await using var command = dataSource.CreateCommand("""
                UPDATE api_keys
                SET last_used_at = GREATEST(last_used_at, $1),
                    uses_today = CASE WHEN usage_day = $2 THEN uses_today + $3 ELSE $3 END,
                    usage_day = $2
                WHERE id = $4
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = now });
            command.Parameters.Add(new NpgsqlParameter { Value = DateOnly.FromDateTime(now.UtcDateTime) });
            command.Parameters.Add(new NpgsqlParameter { Value = uses });
            command.Parameters.Add(new NpgsqlParameter { Value = keyId });
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or ObjectDisposedException)
        {
            // A usage figure must never fail the API call it counts.
            LogUsageNotWritten(logger, keyId, e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the use of API key {KeyId} ({Error}).")]
    private static partial void LogUsageNotWritten(ILogger logger, Guid keyId, string error);

    private sealed class Tally
    {
        public int Pending;
        public DateTimeOffset WrittenAt = DateTimeOffset.MinValue;
    }
}
