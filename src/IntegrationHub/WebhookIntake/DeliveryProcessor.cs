using System.Diagnostics;
using IntegrationHub.Data;
using IntegrationHub.Events;
using IntegrationHub.Jobs;
using IntegrationHub.Providers;
using IntegrationHub.Providers.Events;
using IntegrationHub.Telemetry;
using IntegrationHub.Tenancy;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.WebhookIntake;

/// <summary>
/// Turns stored deliveries into events, off the request path. Each delivery is its own transaction: its events are written
/// through <see cref="EventStore"/> in the same transaction that marks it processed, so a crash leaves either both or
/// neither, and one bad delivery never holds up the others.
/// </summary>
internal sealed partial class DeliveryProcessor(NpgsqlDataSource db, DeliveryClaims claims, EventStore events, JobStarter jobs, TimeProvider clock,
    IOptions<IngestOptions> options, ILogger<DeliveryProcessor> log)
{
    /// <summary>Claims and processes batches until nothing is due or the run's budget is spent. Returns how many it handled.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var o = options.Value;
        var until = clock.GetUtcNow().AddSeconds(Math.Max(1, o.RunBudgetSeconds));
        int handled = 0;
        while (!ct.IsCancellationRequested && clock.GetUtcNow() < until)
        {
            var batch = await claims.ClaimAsync(Math.Max(1, o.BatchSize), ct);
            foreach (var delivery in batch)
            {
                await ProcessAsync(delivery, ct);
            }

            handled += batch.Count;
            if (batch.Count < o.BatchSize)
            {
                break;
            }
        }

        return handled;
    }

    /// <summary>
    /// Processes one claimed delivery; failures are recorded on it, never thrown (except cancellation). Its span continues
    /// the trace of the request that brought it in (stored with the row), one delivery at a time, so the parent is exact
    /// even though the claim took a batch; the span starts before the log scope so the lines inside carry its ids.
    /// </summary>
    public async Task ProcessAsync(ClaimedDelivery d, CancellationToken ct)
    {
        using var span = HubTracing.Source.StartActivity("delivery process", ActivityKind.Consumer, HubTracing.ParentFrom(d.Traceparent));
        Tag(span, d);
        using var scope = WorkScope.Begin(log, d.TenantId, d.ConnectionId, d.HookId, d.RepositoryId, d.Id);
        try
        {
            if (await TryCompleteAsync(d, ct) is { } failure)
            {
                await claims.FailAsync(d, failure.Reason, failure.Poison, ct);
                LogFailed(d.Id, failure.Reason);
                span?.SetTag(HubTracing.OutcomeTag, failure.Poison ? "failed" : "retry").SetStatus(ActivityStatusCode.Error);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The exception text may quote SQL or payload fragments; the stored reason names only its type.
            LogCrashed(d.Id, ex);
            span?.SetTag(HubTracing.OutcomeTag, "retry").SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            await claims.FailAsync(d, $"processing error ({ex.GetType().Name}); will retry", poison: false, CancellationToken.None);
        }
    }

    private static void Tag(Activity? span, ClaimedDelivery d)
    {
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(HubTracing.ProviderTag, d.Provider);
            span.SetTag(HubTracing.TenantTag, d.TenantId);
            span.SetTag(HubTracing.ConnectionTag, d.ConnectionId);
            span.SetTag(HubTracing.HookTag, d.HookId);
            span.SetTag(HubTracing.RepositoryTag, d.RepositoryId);
            span.SetTag(HubTracing.InboxTag, d.Id);
            span.SetTag(HubTracing.AttemptTag, d.Attempt);
        }
    }

    private async Task<ProcessingFailure?> TryCompleteAsync(ClaimedDelivery d, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        byte[]? body = await LockIfStillOursAsync(conn, tx, d, ct);
        if (body is null)
        {
            return null; // Another worker took it over after our lease ran out; it is theirs now.
        }

        if (!ProviderSlugs.TryParse(d.Provider, out ProviderKind kind))
        {
            return new ProcessingFailure($"unknown provider '{d.Provider}'", Poison: true);
        }

        if (kind == ProviderKind.GitHub && InstallationEvents.Handles(d.EventName))
        {
            // Only an app webhook carries these, routed to the connection holding the installation (AppWebhookEndpoint).
            var did = await InstallationEvents.ApplyAsync(conn, tx, d, body, clock.GetUtcNow(), ct);
            await MarkDoneAsync(conn, tx, d.Id, "processed", 0, did.Note, ct);
            await tx.CommitAsync(ct);
            LogProcessed(d.Id, 0, 0);
            if (did.Rediscover)
            {
                await RediscoverAsync(d.ConnectionId, ct);
            }

            return null;
        }

        var result = ProviderCatalog.For(kind).Normalizer.Normalize(d.EventName, body, d.ReceivedAt);
        if (result.Status == NormalizationStatus.Invalid)
        {
            return new ProcessingFailure($"cannot read the body: {result.Reason}", Poison: true);
        }

        int stored = 0;
        if (result.Status == NormalizationStatus.Normalized)
        {
            var targets = await DeliveryTargets.ResolveAsync(conn, tx, d, result.Events, ct);
            if (targets.Missing is { } missing)
            {
                return new ProcessingFailure($"repository {missing} is not known to the hub yet", Poison: false);
            }

            if (targets.Foreign is { } foreign)
            {
                // Retrying cannot change whose event it is; the delivery stays stored, failed with the reason, for the log.
                return new ProcessingFailure(foreign, Poison: true);
            }

            foreach (var group in result.Events.GroupBy(e => e.Repository.ExternalId))
            {
                var target = new EventTarget(d.TenantId, d.ConnectionId, targets.Ids[group.Key], d.HookId);
                stored += await events.StoreAsync(conn, tx, target, group.ToList(), EventSource.Webhook, d.Id, ct);
            }
        }

        await MarkDoneAsync(conn, tx, d.Id, result.Status == NormalizationStatus.Normalized ? "processed" : "ignored", result.Events.Count, result.Reason, ct);
        await tx.CommitAsync(ct);
        HubTracing.Recording?.SetTag(HubTracing.OutcomeTag, result.Status == NormalizationStatus.Normalized ? "processed" : "ignored");
        LogProcessed(d.Id, result.Events.Count, stored);
        return null;
    }

    /// <summary>
    /// After the event's commit, never before: a discovery that listed before it committed could be undone by it. A failure
    /// here leaves the applied diff standing until the nightly discovery (the delivery is processed and stays so).
    /// </summary>
    private async Task RediscoverAsync(Guid connectionId, CancellationToken ct)
    {
        try
        {
            await jobs.DiscoverAfterChangeAsync(connectionId, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRediscoverFailed(connectionId, ex);
        }
    }

    private async Task MarkDoneAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, string status, int events, string? reason, CancellationToken ct)
    {
        await using var done = new NpgsqlCommand("""
            UPDATE deliveries SET status = $2, processed_at = $3, lease_until = NULL, event_count = $4, last_error = $5
            WHERE id = $1
            """, conn, tx);
        done.Parameters.Add(new() { Value = id });
        done.Parameters.Add(new() { Value = status });
        done.Parameters.Add(new() { Value = clock.GetUtcNow() });
        done.Parameters.Add(new() { Value = events });
        done.Parameters.Add(new() { Value = (object?)reason ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await done.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Locks the delivery for this transaction if the claim is still ours, and reads its body.</summary>
    private static async Task<byte[]?> LockIfStillOursAsync(NpgsqlConnection conn, NpgsqlTransaction tx, ClaimedDelivery d, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "SELECT body FROM deliveries WHERE id = $1 AND attempts = $2 AND status = 'processing' FOR UPDATE", conn, tx);
        cmd.Parameters.Add(new() { Value = d.Id });
        cmd.Parameters.Add(new() { Value = d.Attempt });
        return await cmd.ExecuteScalarAsync(ct) as byte[];
    }

    private sealed record ProcessingFailure(string Reason, bool Poison);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Delivery {DeliveryId} processed: {Events} events, {Stored} new")]
    private partial void LogProcessed(long deliveryId, int events, int stored);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} failed: {Reason}")]
    private partial void LogFailed(long deliveryId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not queue the discovery of connection {ConnectionId} after its installation's repositories changed; the nightly discovery checks them")]
    private partial void LogRediscoverFailed(Guid connectionId, Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} processing crashed; it will be retried")]
    private partial void LogCrashed(long deliveryId, Exception ex);
}
