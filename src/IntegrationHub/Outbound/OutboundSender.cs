using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Data;
using IntegrationHub.Events;
using IntegrationHub.Secrets;
using IntegrationHub.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Outbound;

/// <summary>
/// Sends claimed deliveries: the event as the API shows it, in a Standard Webhooks envelope, signed with the current
/// secret (and the previous one during a rotation's grace), then records the attempt and the outcome. At least once:
/// a receiver may see one webhook-id more than once (a lost answer, a node that died after sending) and deduplicates on it.
/// </summary>
public sealed partial class OutboundSender(NpgsqlDataSource data, OutboundClaims claims, OutboundHttp http, OutboundDisabler disabler,
    ISecretProtector protector, IOptions<OutboundOptions> options, TimeProvider clock, ILogger<OutboundSender> logger)
{
    /// <summary>Claims up to one batch of due deliveries and sends them all. Returns how many were sent.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var claimed = await claims.ClaimAsync(Math.Max(1, options.Value.SendBatch), ct);
        await Task.WhenAll(claimed.Select(c => SendAsync(c, ct)));
        return claimed.Count;
    }

    /// <summary>One attempt of one claimed delivery; never throws for the endpoint's sake (its failures are recorded).</summary>
    public async Task SendAsync(ClaimedOutbound claim, CancellationToken ct)
    {
        AttemptResult? result;
        try
        {
            result = await AttemptAsync(claim, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // A secret that no longer decrypts, a database hiccup, a bug: recorded as a failed attempt so the schedule
            // (and in the end the disable) applies, instead of a row re-claimed with the same attempt count forever.
            LogUnexpected(e, claim.SubscriptionId, claim.Id);
            result = new AttemptResult(null, 0, "The hub could not send this delivery (an internal error); it is retried on the schedule.", null, null);
        }

        if (result is null)
        {
            return; // the subscription was deleted meanwhile; its deliveries went with it
        }

        HubMetrics.OutboundAttempts.Add(1, new KeyValuePair<string, object?>(HubMetrics.OutcomeTag, result.Delivered ? "delivered" : "failed"));
        if (!result.Delivered)
        {
            LogFailed(claim.SubscriptionId, claim.Id, claim.Attempts + 1, result.StatusCode, result.Error);
        }

        // Not the stop token: an answer already received (a 2xx above all) is written down even during shutdown, or
        // the next node would send it again. The claim's lease bounds how long this may take.
        if (await claims.RecordAsync(claim, result, CancellationToken.None) && await disabler.DisableAsync(claim.SubscriptionId, result.Error, ct))
        {
            LogDisabled(claim.SubscriptionId, claim.TenantId);
        }
    }

    private async Task<AttemptResult?> AttemptAsync(ClaimedOutbound claim, CancellationToken ct)
    {
        var target = await LoadAsync(claim, ct);
        if (target is null)
        {
            return null;
        }

        if (target.Event is not { } feedEvent)
        {
            return new AttemptResult(null, 0, "The event is no longer stored (retention removed it).", null, null);
        }

        byte[] body = Body(feedEvent);
        long timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        string signature = WebhookSigner.Sign(claim.MessageId, timestamp, body, target.Keys);
        return await http.PostAsync(target.Url, claim.MessageId, timestamp, signature, body, ct);
    }

    /// <summary>{"type":"event.&lt;kind&gt;","timestamp":&lt;when it happened&gt;,"data":&lt;the API's event&gt;}.</summary>
    public static byte[] Body(FeedEvent e)
    {
        string timestamp = e.Json["occurredAt"] is JsonValue occurred && occurred.TryGetValue(out string? text) ? text : e.RecordedAt.ToString("O");
        var envelope = new JsonObject { ["type"] = "event." + e.Kind, ["timestamp"] = timestamp, ["data"] = e.Json };
        return JsonSerializer.SerializeToUtf8Bytes(envelope);
    }

    private async Task<OutboundTarget?> LoadAsync(ClaimedOutbound claim, CancellationToken ct)
    {
        await using var conn = await data.OpenConnectionAsync(ct);
        string url;
        IReadOnlyList<byte[]> keys;
        await using (var cmd = new NpgsqlCommand(
            "SELECT url, secret_protected, previous_secret_protected, previous_valid_until FROM subscriptions WHERE id = $1 AND tenant_id = $2", conn))
        {
            cmd.Parameters.Add(new() { Value = claim.SubscriptionId });
            cmd.Parameters.Add(new() { Value = claim.TenantId });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
            {
                return null;
            }

            url = reader.GetString(0);
            keys = SubscriptionSecrets.SigningKeys(reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3), clock.GetUtcNow(), protector);
        }

        return new OutboundTarget(url, keys, await EventFeed.ReadOneAsync(conn, claim.TenantId, claim.EventId, ct));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbound delivery {DeliveryId} of subscription {SubscriptionId} failed (attempt {Attempt}, status {Status}): {Error}")]
    private partial void LogFailed(Guid subscriptionId, long deliveryId, int attempt, int? status, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbound delivery {DeliveryId} of subscription {SubscriptionId} could not be sent; recorded as a failed attempt")]
    private partial void LogUnexpected(Exception exception, Guid subscriptionId, long deliveryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscription {SubscriptionId} of tenant {TenantId} disabled: its endpoint has failed for too long")]
    private partial void LogDisabled(Guid subscriptionId, Guid tenantId);
}
