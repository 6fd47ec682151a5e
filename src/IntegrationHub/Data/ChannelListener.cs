using Microsoft.Extensions.Logging;
using Npgsql;

namespace IntegrationHub.Data;

/// <summary>
/// One LISTEN connection on one channel, kept up for as long as <see cref="RunAsync"/> runs: it reconnects with back-off
/// (1 s doubling to 30 s, from 1 s again once listening) and proves an idle connection alive every 30 s. Notifications sent
/// while nobody listened are gone, so its owner is told each time LISTEN is (re)established and each time it is lost,
/// and decides what "anything may have changed" means for it. Callbacks run on the listener's thread: keep them short.
/// </summary>
public sealed partial class ChannelListener(NpgsqlDataSource dataSource, string channel, string purpose, TimeProvider clock, ILogger log)
{
    /// <summary>How long to wait for a notification before checking that the connection is still alive.</summary>
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(30);

    private int _listens;

    /// <summary>True while LISTEN is in place (tests wait for it before they write).</summary>
    public bool Listening { get; private set; }

    /// <summary>How many times LISTEN was set up: more than once means the connection was lost and came back.</summary>
    public int Listens => Volatile.Read(ref _listens);

    /// <summary>
    /// Listens until <paramref name="ct"/> is cancelled: <paramref name="notified"/> gets each payload,
    /// <paramref name="listening"/> runs once LISTEN is in place, <paramref name="lost"/> once it is not any more
    /// (connection lost, or stopping).
    /// </summary>
    public async Task RunAsync(Action<string> notified, Action listening, Action lost, CancellationToken ct)
    {
        var retry = TimeSpan.FromSeconds(1);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                try
                {
                    await ListenAsync(notified, () =>
                    {
                        retry = TimeSpan.FromSeconds(1); // back-off starts over once listening
                        listening();
                    }, ct);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    // Whatever broke the connection, the owner falls back to what works without notifications; the host keeps running.
                    Lose(lost);
                    LogLost(log, purpose, channel, ex.GetType().Name, retry.TotalSeconds);
                    await Task.Delay(retry, clock, ct);
                    retry = TimeSpan.FromSeconds(Math.Min(30, retry.TotalSeconds * 2));
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping during the back-off.
        }
        finally
        {
            Lose(lost);
        }
    }

    private void Lose(Action lost)
    {
        if (Listening)
        {
            Listening = false;
            lost();
        }
    }

    private async Task ListenAsync(Action<string> notified, Action listening, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        connection.Notification += (_, e) => notified(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(ct);
        }

        Listening = true;
        Interlocked.Increment(ref _listens);
        listening();
        while (true)
        {
            if (!await connection.WaitAsync(Idle, ct))
            {
                // Nothing for a while: a round trip proves the connection (and so the LISTEN) is still there.
                await using var ping = new NpgsqlCommand("SELECT 1", connection);
                await ping.ExecuteScalarAsync(ct);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Purpose} paused: the LISTEN connection on {Channel} was lost ({Error}); retrying in {Seconds} s.")]
    private static partial void LogLost(ILogger logger, string purpose, string channel, string error, double seconds);
}
