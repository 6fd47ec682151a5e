using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.WebhookIntake;

/// <summary>
/// Group commit for the webhook ingress: deliveries verified at about the same moment are written in one statement and
/// one transaction (<see cref="DeliveryInbox.AcceptAsync"/>), so a burst costs one WAL flush instead of one per delivery,
/// and each request is answered only after the commit that holds it. There is no timer: a writer takes everything queued
/// (up to <see cref="IngressOptions.CommitBatchSize"/>) the moment it is free, so an idle hub writes a lone delivery at
/// once, and a busy one batches whatever arrived while the previous commit was flushing
/// (<see cref="IngressOptions.CommitWriters"/> commits in flight at once).
/// </summary>
internal sealed partial class GroupCommit : BackgroundService
{
    /// <summary>A deadlock or serialization failure (two batches counting duplicates on the same hooks) is retried whole.</summary>
    private const int RetriesOnConflict = 3;

    private readonly DeliveryInbox _inbox;
    private readonly ILogger<GroupCommit> _log;
    private readonly int _batchSize;
    private readonly int _writers;
    private readonly Channel<QueuedDelivery> _queue;

    public GroupCommit(DeliveryInbox inbox, IOptions<IngressOptions> options, ILogger<GroupCommit> log)
    {
        _inbox = inbox;
        _log = log;
        _batchSize = Math.Max(1, options.Value.CommitBatchSize);
        _writers = Math.Max(1, options.Value.CommitWriters);
        // Bounded, so a database slower than the arrivals holds requests back (they wait here, then time out at the provider)
        // instead of growing memory without limit.
        _queue = Channel.CreateBounded<QueuedDelivery>(new BoundedChannelOptions(_batchSize * _writers * 4) { FullMode = BoundedChannelFullMode.Wait });
    }

    /// <summary>
    /// Stores the delivery and returns once it is committed: true if it was new, false for a duplicate of one already stored.
    /// Throws what the database threw (the ingress answers 503), or <see cref="ChannelClosedException"/> once the node is stopping.
    /// A request that goes away while waiting is still written: what is stored but never acknowledged comes again as a duplicate.
    /// </summary>
    public async Task<bool> StoreAsync(VerifiedDelivery delivery, CancellationToken ct)
    {
        var pending = new QueuedDelivery(delivery);
        await _queue.Writer.WriteAsync(pending, ct);
        // Not cancelled by the request: every queued delivery is completed by its commit (or its failure), and a request
        // that went away meanwhile just finds nobody to answer.
        return await pending.Done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.WhenAll(Enumerable.Range(0, _writers).Select(_ => Task.Run(() => WriteAsync(stoppingToken), CancellationToken.None)));
        // Stopping: the web server has stopped taking requests; whatever is still queued is written before the node exits.
        _queue.Writer.TryComplete();
        var rest = new List<QueuedDelivery>();
        while (_queue.Reader.TryRead(out var pending))
        {
            rest.Add(pending);
        }

        foreach (var chunk in rest.Chunk(_batchSize))
        {
            await CommitAsync(chunk);
        }
    }

    private async Task WriteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<QueuedDelivery>(_batchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < _batchSize && _queue.Reader.TryRead(out var pending))
                {
                    batch.Add(pending);
                }

                // Never cancelled mid-write: the requests of this batch wait for its outcome.
                await CommitAsync(batch);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task CommitAsync(IReadOnlyList<QueuedDelivery> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        for (int attempt = 1; ; attempt++)
        {
            try
            {
                bool[] stored = await _inbox.AcceptAsync([.. batch.Select(p => p.Delivery)], CancellationToken.None);
                for (int i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(stored[i]);
                }

                return;
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure
                && attempt < RetriesOnConflict)
            {
                LogConflict(_log, batch.Count, ex.SqlState);
            }
            catch (PostgresException ex) when (batch.Count > 1 && RefusesARow(ex))
            {
                // One delivery the database refuses (say, text it cannot store) must not fail the others: each alone.
                foreach (var pending in batch)
                {
                    await CommitAsync([pending]);
                }

                return;
            }
            catch (Exception ex)
            {
                foreach (var pending in batch)
                {
                    pending.Done.TrySetException(ex);
                }

                return;
            }
        }
    }

    /// <summary>
    /// A refusal of what was sent (data exception, integrity violation, a value over a limit), which one row can cause.
    /// Anything else (the server shutting down, out of resources) would refuse each row alone just the same.
    /// </summary>
    private static bool RefusesARow(PostgresException ex) => ex.SqlState[..2] is "22" or "23" or "54";

    private sealed class QueuedDelivery(VerifiedDelivery delivery)
    {
        public VerifiedDelivery Delivery { get; } = delivery;

        // Completed off the writer's thread, so a request's continuation never runs inside the next batch's write.
        public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A batch of {Count} deliveries met a conflicting write ({SqlState}); writing it again")]
    private static partial void LogConflict(ILogger logger, int count, string sqlState);
}
