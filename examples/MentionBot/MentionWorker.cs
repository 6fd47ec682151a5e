using System.Collections.Concurrent;
using System.Threading.Channels;

namespace MentionBot;

/// <summary>
/// Takes verified deliveries off the queue in order, decides each one there (so an ignored event is settled before
/// any later one is answered), and answers the mentions a few at a time, so one slow reply does not hold up others.
/// </summary>
internal sealed class MentionWorker(ChannelReader<MentionWork> queue, HubReplies replies, MentionBotOptions options, ILogger<MentionWorker> log)
    : BackgroundService
{
    private const int ParallelReplies = 4;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Log.Started(log, options.Handle, options.HubUrl);
        using var slots = new SemaphoreSlim(ParallelReplies);
        var inFlight = new ConcurrentDictionary<Task, byte>();
        try
        {
            await foreach (var work in queue.ReadAllAsync(stoppingToken))
            {
                var mention = MentionReader.Read(work.Event, options.Handle);
                if (mention is null)
                {
                    Log.Ignored(log, work.WebhookId, work.Event.TryGetProperty("id", out var id) && id.TryGetInt64(out long n) ? n : null);
                    continue;
                }

                await slots.WaitAsync(stoppingToken);
                var reply = ReplyAsync(mention, slots, stoppingToken);
                inFlight.TryAdd(reply, 0);
                _ = reply.ContinueWith(t => inFlight.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: replies still queued are lost with the process; the hub redelivers nothing already answered 2xx,
            // so a bot that must not lose work would persist the queue. The reply's Idempotency-Key makes that safe.
        }

        await Task.WhenAll(inFlight.Keys);
    }

    private async Task ReplyAsync(Mention mention, SemaphoreSlim slots, CancellationToken ct)
    {
        await Task.Yield();
        try
        {
            await replies.ReplyAsync(mention, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping mid-retry.
        }
        finally
        {
            slots.Release();
        }
    }
}
