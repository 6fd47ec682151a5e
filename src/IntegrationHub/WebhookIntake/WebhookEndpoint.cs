using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using IntegrationHub.Data;
using IntegrationHub.Providers;
using IntegrationHub.Providers.Events;
using IntegrationHub.Secrets;
using IntegrationHub.Telemetry;
using IntegrationHub.Transport;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IntegrationHub.WebhookIntake;

/// <summary>
/// <c>POST /hooks/{provider}/{hookId}</c>: find the hook, read the body up to the provider's limit, verify it against the
/// hook's accepted secrets, commit it to the inbox (with whatever else arrived at the same moment: <see cref="GroupCommit"/>), answer. Nothing is parsed in earnest here; processing is the worker's.
/// Status codes are chosen for what each provider does with them (see PROVIDER-FACTS):
/// <list type="bullet">
/// <item>202 stored, 200 duplicate (already stored): success everywhere.</item>
/// <item>404 unknown hook, 410 hook or connection no longer active: these are not healthy hooks of ours, and a provider giving
/// up on them is what we want (Azure DevOps disables a subscription on 410; GitLab auto-disables after 4 failures).</item>
/// <item>401 failed verification, 413 over the limit: the sender is not who it claims, or the payload can never be taken.</item>
/// <item>400 unreadable body only for GitHub and Bitbucket Cloud, which do not punish failures; for GitLab, Azure DevOps and
/// Bitbucket Data Center a verified but unreadable body is stored, answered 202 and fails in processing (<c>WebhookFacts.PunishesFailures</c>).</item>
/// <item>503 only through our own fault: the key ring cannot decrypt the secret (fail closed), or the database is unreachable
/// (with Retry-After); both retryable.</item>
/// <item>429 with Retry-After (before this runs, <see cref="WebhookRateLimitPolicy"/>): a hook over its rate, or a source address
/// that spent its rejection budget.</item>
/// </list>
/// Rejections are counted in memory and written every few seconds (<see cref="RejectionFlusher"/>): no write per rejected request.
/// Reasons are short plain text and never echo the body, a header value or a secret.
/// </summary>
internal static partial class WebhookEndpoint
{
    /// <summary>How long a provider is asked to wait when the database cannot take its delivery.</summary>
    private const int UnavailableRetryAfterSeconds = 30;

    public static async Task HandleAsync(HttpContext http, string provider, Guid hookId, HookDirectory directory, GroupCommit commits, UnknownHooks unknown,
        RejectionCounter rejections, SourceAddressBudget addresses, ISecretProtector protector, TimeProvider clock, ILogger<DeliveryInbox> log)
    {
        // Our answers carry their own reason; the dashboard's status-code pages must not replace them.
        http.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
        long arrived = Stopwatch.GetTimestamp();
        if (!ProviderSlugs.TryParse(provider, out ProviderKind kind))
        {
            await AnswerAsync(http, StatusCodes.Status404NotFound, "unknown provider");
            return;
        }

        // The catalog's constant slug, not the route's string: a metric tag from a fixed set, allocated once.
        provider = kind.ToSlug();
        var providerTag = new KeyValuePair<string, object?>(HubMetrics.ProviderTag, provider);
        HubMetrics.DeliveriesReceived.Add(1, providerTag);
        var rejected = new Rejecter(http, rejections, addresses, provider);
        try
        {
            await HandleAsync(http, kind, provider, providerTag, hookId, arrived, directory, commits, unknown, rejected, protector, clock, log);
        }
        catch (Exception ex) when (ex is NpgsqlException or ChannelClosedException && !http.Response.HasStarted)
        {
            // The database is away (down, refusing, pool exhausted) or the node is stopping: a plain, retryable answer,
            // never the 500 error page.
            LogDatabaseUnavailable(log, hookId, ex);
            http.Response.Headers.RetryAfter = UnavailableRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await AnswerAsync(http, StatusCodes.Status503ServiceUnavailable, "cannot store deliveries right now; retry later");
        }
    }

    private static async Task HandleAsync(HttpContext http, ProviderKind kind, string provider, KeyValuePair<string, object?> providerTag,
        Guid hookId, long arrived, HookDirectory directory, GroupCommit commits, UnknownHooks unknown, Rejecter rejected,
        ISecretProtector protector, TimeProvider clock, ILogger<DeliveryInbox> log)
    {
        var ct = http.RequestAborted;
        // An unknown id costs one read, then none while it is remembered; a known hook is kept in memory (HookDirectory).
        var hook = unknown.IsKnownUnknown(hookId) ? null : await directory.FindAsync(hookId, ct);
        if (hook is null || hook.Provider != provider)
        {
            if (hook is null)
            {
                unknown.Remember(hookId);
            }

            await rejected.AnswerAsync(null, RejectionReasons.UnknownHook, StatusCodes.Status404NotFound, "unknown hook");
            return;
        }

        if (!hook.HookIsLive || !hook.ConnectionIsLive)
        {
            string reason = hook.HookIsLive ? RejectionReasons.ConnectionInactive : RejectionReasons.HookInactive;
            await rejected.AnswerAsync(hook.Id, reason, StatusCodes.Status410Gone, RejectionReasons.Describe(reason));
            return;
        }

        var webhooks = ProviderCatalog.For(kind);
        byte[]? body = await BodyReader.ReadAsync(http.Request, webhooks.Webhook.MaxBodyBytes, ct);
        if (body is null)
        {
            // Close the connection after answering rather than drain a body we will never read.
            http.Response.Headers.Connection = "close";
            await rejected.AnswerAsync(hook.Id, RejectionReasons.Oversized, StatusCodes.Status413PayloadTooLarge,
                $"body over the {webhooks.Webhook.MaxBodyBytes / 1024} KB limit");
            return;
        }

        var now = clock.GetUtcNow();
        var request = new WebhookRequest(DeliveryHeaders.All(http.Request.Headers), body);
        IReadOnlyList<string> secrets;
        try
        {
            secrets = hook.AcceptedSecrets(now, protector);
        }
        catch (CryptographicException ex)
        {
            LogSecretUnavailable(log, hook.Id, ex);
            await rejected.AnswerAsync(hook.Id, RejectionReasons.SecretUnavailable, StatusCodes.Status503ServiceUnavailable,
                "cannot verify deliveries right now");
            return;
        }

        var check = webhooks.Verifier.Verify(request, secrets, now);
        if (!check.IsValid)
        {
            string reason = RejectionReasons.From(check.Failure);
            await rejected.AnswerAsync(hook.Id, reason, StatusCodes.Status401Unauthorized, RejectionReasons.Describe(reason));
            return;
        }

        HubMetrics.DeliveriesVerified.Add(1, providerTag);
        if (!webhooks.Webhook.PunishesFailures && !Json.IsWellFormed(body))
        {
            await rejected.AnswerAsync(hook.Id, RejectionReasons.MalformedBody, StatusCodes.Status400BadRequest,
                RejectionReasons.Describe(RejectionReasons.MalformedBody));
            return;
        }

        var info = webhooks.DeliveryReader.Read(request);
        // A delivery without an id (old GitLab without Idempotency-Key, Azure samples) dedupes on its exact bytes instead.
        string deliveryId = info.DeliveryId ?? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body));
        string headers = DeliveryHeaders.ToJson(http.Request.Headers, webhooks.Webhook.KeptHeaders);
        bool stored = await commits.StoreAsync(
            new VerifiedDelivery(hook, deliveryId, info.EventName, info.IsPing, headers, body, now, HubTracing.CurrentTraceparent()), ct);
        rejected.Vouch(hook.Id);
        TagRequest(hook, deliveryId, stored ? "stored" : "duplicate");
        if (stored)
        {
            HubMetrics.DeliveriesStored.Add(1, providerTag);
        }

        HubMetrics.AcknowledgementDuration.Record(Stopwatch.GetElapsedTime(arrived).TotalSeconds, providerTag);
        await AnswerAsync(http, stored ? StatusCodes.Status202Accepted : StatusCodes.Status200OK, stored ? (info.IsPing ? "pong" : "accepted") : "duplicate");
    }

    /// <summary>
    /// Names on the request's span (ASP.NET Core's, when recorded) whose delivery it was and what became of it. Its own
    /// trace even when group commit wrote it with others: the batch is written on the writer's flow, not the request's.
    /// </summary>
    private static void TagRequest(IngressHook hook, string deliveryId, string outcome)
    {
        if (HubTracing.Recording is { } span)
        {
            span.SetTag(HubTracing.ProviderTag, hook.Provider);
            span.SetTag(HubTracing.TenantTag, hook.TenantId);
            span.SetTag(HubTracing.HookTag, hook.Id);
            span.SetTag(HubTracing.DeliveryTag, deliveryId);
            span.SetTag(HubTracing.OutcomeTag, outcome);
        }
    }

    internal static Task AnswerAsync(HttpContext http, int status, string text)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain; charset=utf-8";
        // With its length known, Kestrel sends the whole answer in one write, not chunked with a closing chunk after it.
        byte[] answer = Encoding.UTF8.GetBytes(text + "\n");
        http.Response.ContentLength = answer.Length;
        return http.Response.Body.WriteAsync(answer, http.RequestAborted).AsTask();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery to hook {HookId} answered 503: the database is unavailable or this node is stopping")]
    private static partial void LogDatabaseUnavailable(ILogger logger, Guid hookId, Exception ex);

    [LoggerMessage(Level = LogLevel.Error, Message = "Secret of hook {HookId} cannot be decrypted; its deliveries are refused until the key ring is fixed")]
    private static partial void LogSecretUnavailable(ILogger logger, Guid hookId, Exception ex);
}
