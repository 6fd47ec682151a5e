using System.Diagnostics;
using IntegrationHub.Live;
using Npgsql;

namespace IntegrationHub.Benchmarks.Dashboards;

/// <summary>
/// What a window of the dashboards benchmark cost: this process's CPU (the hub runs in it; Chromium and Playwright's
/// driver are other processes) and memory, the database's committed transactions (each autocommit query a page's reload
/// runs is one, so this is queries per second), and the NOTIFYs on the live channel, heard on a LISTEN of its own.
/// </summary>
internal sealed class HubMeter : IAsyncDisposable
{
    private readonly NpgsqlDataSource _db;
    private readonly NpgsqlConnection _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _listening;
    private int _notifies;

    private HubMeter(NpgsqlDataSource db, NpgsqlConnection listener)
    {
        _db = db;
        _listener = listener;
        _listener.Notification += (_, _) => Interlocked.Increment(ref _notifies);
        _listening = ListenAsync();
    }

    public static async Task<HubMeter> StartAsync(NpgsqlDataSource db)
    {
        var listener = await db.OpenConnectionAsync();
        await using (var listen = new NpgsqlCommand($"LISTEN {LiveFeed.Channel}", listener))
        {
            await listen.ExecuteNonQueryAsync();
        }

        return new HubMeter(db, listener);
    }

    public async Task<Sample> SampleAsync()
    {
        using var self = Process.GetCurrentProcess();
        // Statistics reach pg_stat_database when a backend reports them (about once a second); clearing the snapshot
        // makes this read see the newest figures instead of those cached in this transaction.
        await using var cmd = _db.CreateCommand("SELECT pg_stat_clear_snapshot(); SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()");
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.NextResultAsync();
        await reader.ReadAsync();
        long commits = reader.GetInt64(0);
        var (at, cpu, workingSet, notifies) = (Stopwatch.GetTimestamp(), self.TotalProcessorTime, self.WorkingSet64, Volatile.Read(ref _notifies));
        // A full collection after the window's figures are read: what the process still holds, apart from what the GC
        // has not given back to the system yet, which the working set counts too.
        // The collection's own time goes to no window: the next one starts after it (the commits and NOTIFYs of its
        // pause, a fraction of a second, are counted in the next window).
        long live = GC.GetTotalMemory(forceFullCollection: true);
        return new Sample(at, cpu, workingSet, live, commits, notifies, Stopwatch.GetTimestamp(), self.TotalProcessorTime);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _listening; } catch (OperationCanceledException) { }
        await _listener.DisposeAsync();
        _stop.Dispose();
    }

    private async Task ListenAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            await _listener.WaitAsync(_stop.Token);
        }
    }

    /// <summary>One reading; two of them make a window's figures.</summary>
    internal sealed record Sample(long At, TimeSpan Cpu, long WorkingSet, long LiveHeap, long Commits, int Notifies, long ResumedAt, TimeSpan ResumedCpu)
    {
        public string Since(Sample start, int ownCommits)
        {
            double seconds = Stopwatch.GetElapsedTime(start.ResumedAt, At).TotalSeconds;
            double cpu = 100 * (Cpu - start.ResumedCpu).TotalSeconds / seconds;
            // Our own transactions (the events we stored, and each SampleAsync's read) are not the pages'.
            double pagesCommits = Commits - start.Commits - ownCommits - 1;
            return $"seconds={seconds:F1} hub_cpu_pct={cpu:F1} hub_rss_mib={WorkingSet / 1048576} live_heap_mib={LiveHeap / 1048576} db_queries_per_s={pagesCommits / seconds:F1} "
                + $"notifies={Notifies - start.Notifies} notifies_per_s={(Notifies - start.Notifies) / seconds:F1}";
        }
    }
}
