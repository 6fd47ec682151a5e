using IntegrationHub.Jobs;
using IntegrationHub.ProviderAccess;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Connect;

/// <summary>
/// Recurring "token-refresh": refreshes the OAuth tokens that expire within Hub:Jobs:TokenRefreshAheadMinutes, so a
/// provider call rarely meets an expired token. One run at a time in the cluster (Hangfire fires a recurring job once),
/// and <see cref="TokenRefresher"/> serializes per connection with the calls that refresh on a 401: a token refreshed
/// meanwhile by anyone is left alone. A connection that fails is logged and left to the next run.
/// </summary>
internal sealed partial class TokenRefreshSweep(NpgsqlDataSource db, TokenRefresher refresher, TimeProvider clock, IOptions<JobsOptions> options,
    ILogger<TokenRefreshSweep> log) : ITokenRefreshSweepJob
{
    public async Task RunAsync(CancellationToken ct)
    {
        var due = new List<(Guid Id, string? Access)>();
        await using (var cmd = db.CreateCommand("""
            SELECT id, access_token_protected FROM connections
            WHERE status = 'active' AND refresh_token_protected IS NOT NULL AND access_token_expires_at < $1
            ORDER BY access_token_expires_at
            """))
        {
            cmd.Parameters.Add(new() { Value = clock.GetUtcNow().AddMinutes(Math.Max(1, options.Value.TokenRefreshAheadMinutes)) });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                due.Add((reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
            }
        }

        foreach (var (id, access) in due)
        {
            try
            {
                await refresher.RefreshAsync(id, access, force: true, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(ex.GetType().Name, id);
            }
        }
    }

    // The exception's type only: a provider's refusal may quote what it was sent.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Token refresh sweep: connection {ConnectionId} could not be refreshed ({Error}); the next run tries again")]
    private partial void LogFailed(string error, Guid connectionId);
}
