using System.Diagnostics;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.Delivery;

/// <summary>
/// Sends queued deliveries in the background, each on its own task so a slow receiver or a delay fault does not
/// hold up the others. Never runs inside a control-API request.
/// </summary>
internal sealed partial class DeliveryWorker(
    DeliveryQueue queue,
    DeliveryLog log,
    DeliveryPolicy policy,
    SimStore store,
    SimulatorOptions options,
    ILogger<DeliveryWorker> logger) : BackgroundService
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var work in queue.Reader.ReadAllAsync(stoppingToken))
        {
            _ = Task.Run(() => Run(work, stoppingToken), CancellationToken.None);
        }
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    private async Task Run(DeliveryWork work, CancellationToken ct)
    {
        try
        {
            if (work.Delay > TimeSpan.Zero)
            {
                await Task.Delay(work.Delay, ct);
            }

            var attempt = await Send(work, ct);
            log.AddAttempt(work.Record, attempt);
            var retry = policy.After(work.Record, attempt);
            if (retry is not null)
            {
                queue.Enqueue(retry);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogFailed(logger, work.Record.Id, ex);
        }
        finally
        {
            queue.Done();
        }
    }

    private async Task<DeliveryAttempt> Send(DeliveryWork work, CancellationToken ct)
    {
        var record = work.Record;
        using var request = new HttpRequestMessage(HttpMethod.Post, record.Hook.Url);
        request.Content = new ByteArrayContent(record.Message.Body);
        var sent = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in record.Message.Headers.Concat(policy.AttemptHeaders(record, work.AttemptNumber)))
        {
            sent[name] = value;
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        var at = store.Now;
        var clock = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.DeliveryTimeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return new DeliveryAttempt(work.AttemptNumber, (int)response.StatusCode, clock.Elapsed.TotalMilliseconds, at, null, sent);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new DeliveryAttempt(work.AttemptNumber, null, clock.Elapsed.TotalMilliseconds, at, "timed out", sent);
        }
        catch (HttpRequestException ex)
        {
            return new DeliveryAttempt(work.AttemptNumber, null, clock.Elapsed.TotalMilliseconds, at, ex.HttpRequestError.ToString(), sent);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} failed unexpectedly")]
    private static partial void LogFailed(ILogger logger, long deliveryId, Exception ex);
}
