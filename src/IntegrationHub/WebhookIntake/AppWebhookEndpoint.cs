using System.Globalization;
using System.Security.Cryptography;
using System.Threading.Channels;
using IntegrationHub.ProviderAccess.GitHubApps;
using IntegrationHub.Providers;
using IntegrationHub.Providers.Events;
using IntegrationHub.Telemetry;
using IntegrationHub.Transport;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IntegrationHub.WebhookIntake;

/// <summary>
/// <c>POST /webhooks/github-app[/{appId}]</c> (<see cref="AppWebhookRoutes"/>): one GitHub App's webhook, carrying the events
/// of every installation of it, whichever tenant holds them. Verified with the app's webhook secret (X-Hub-Signature-256,
/// fail closed, as <see cref="WebhookEndpoint"/> verifies a hook's), then routed by the body's <c>installation.id</c> to the
/// app connection holding that installation, and stored under that connection's app hook by the same group commit as
/// every delivery: deduplicated by X-GitHub-Delivery, processed, listed and retained as a hook's, and filed by repository
/// id under that connection's repositories only, so one tenant's installation never files into another tenant.
/// Answers as <see cref="WebhookEndpoint"/> does, and:
/// <list type="bullet">
/// <item>202 and not stored for an installation no live connection holds: recorded (<see cref="UnknownInstallations"/>);
/// the install flow attaches installations, a delivery never does.</item>
/// <item>200 "pong" for a delivery naming no installation (the app's ping): nothing to route.</item>
/// <item>No per-hook rate limit: this one URL carries all tenants' traffic, and a 429 loses a GitHub delivery. A source
/// address whose rejection budget is spent is still refused (429), unless it delivered a verified delivery of this app:
/// the budget is spent, asked and vouched under one key per app (<see cref="PlatformAppKey"/> for the platform app), so
/// anyone pointing a webhook with a wrong secret at this URL cannot have GitHub's egress addresses refused.</item>
/// </list>
/// </summary>
internal static partial class AppWebhookEndpoint
{
    /// <summary>
    /// The platform app's key where a hook id goes (address budget, vouching, rejection counts): not a row id, and apart from
    /// <see cref="Guid.Empty"/>, under which unknown hooks are counted. A tenant's own app uses its github_apps row id.
    /// </summary>
    public static readonly Guid PlatformAppKey = new("6a7e0b1c-0000-4000-8000-00000000a99f");

    private const int UnavailableRetryAfterSeconds = 30;

    public static Task PlatformAsync(HttpContext http, [AsParameters] AppWebhookParts parts) => HandleAsync(http, null, parts);

    public static Task TenantAsync(HttpContext http, Guid appId, [AsParameters] AppWebhookParts parts) => HandleAsync(http, appId, parts);

    private static async Task HandleAsync(HttpContext http, Guid? ownAppId, AppWebhookParts parts)
    {
        http.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
        string provider = ProviderKind.GitHub.ToSlug();
        var providerTag = new KeyValuePair<string, object?>(HubMetrics.ProviderTag, provider);
        HubMetrics.DeliveriesReceived.Add(1, providerTag);
        Guid appKey = ownAppId ?? PlatformAppKey;
        if (!parts.Addresses.HasBudget(http, appKey, out var wait))
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await WebhookEndpoint.AnswerAsync(http, StatusCodes.Status429TooManyRequests, "too many requests");
            return;
        }

        var rejected = new Rejecter(http, parts.Rejections, parts.Addresses, provider);
        try
        {
            await HandleAsync(http, ownAppId, appKey, providerTag, parts, rejected);
        }
        catch (Exception ex) when (ex is NpgsqlException or ChannelClosedException && !http.Response.HasStarted)
        {
            LogDatabaseUnavailable(parts.Log, ex);
            http.Response.Headers.RetryAfter = UnavailableRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await WebhookEndpoint.AnswerAsync(http, StatusCodes.Status503ServiceUnavailable, "cannot store deliveries right now; retry later");
        }
    }

    private static async Task HandleAsync(HttpContext http, Guid? ownAppId, Guid appKey, KeyValuePair<string, object?> providerTag, AppWebhookParts parts,
        Rejecter rejected)
    {
        var ct = http.RequestAborted;
        var app = await parts.Directory.FindAppAsync(ownAppId, ct);
        if (app is null)
        {
            // Counted with unknown hooks (Guid.Empty), not per made-up app id: memory stays bounded.
            await rejected.AnswerAsync(null, RejectionReasons.UnknownHook, StatusCodes.Status404NotFound, "unknown app");
            return;
        }

        var webhooks = ProviderCatalog.For(ProviderKind.GitHub);
        byte[]? body = await BodyReader.ReadAsync(http.Request, webhooks.Webhook.MaxBodyBytes, ct);
        if (body is null)
        {
            http.Response.Headers.Connection = "close";
            await rejected.AnswerAsync(appKey, RejectionReasons.Oversized, StatusCodes.Status413PayloadTooLarge,
                $"body over the {webhooks.Webhook.MaxBodyBytes / 1024} KB limit");
            return;
        }

        string secret;
        try
        {
            secret = app.Secret(parts.Protectors);
        }
        catch (CryptographicException ex)
        {
            LogSecretUnavailable(parts.Log, app.ToString(), ex);
            await rejected.AnswerAsync(appKey, RejectionReasons.SecretUnavailable, StatusCodes.Status503ServiceUnavailable, "cannot verify deliveries right now");
            return;
        }

        var now = parts.Clock.GetUtcNow();
        var request = new WebhookRequest(DeliveryHeaders.All(http.Request.Headers), body);
        var check = webhooks.Verifier.Verify(request, [secret], now);
        if (!check.IsValid)
        {
            string reason = RejectionReasons.From(check.Failure);
            await rejected.AnswerAsync(appKey, reason, StatusCodes.Status401Unauthorized, RejectionReasons.Describe(reason));
            return;
        }

        // Verified: the source is a real sender of this app's deliveries, whatever comes of routing them.
        rejected.Vouch(appKey);
        HubMetrics.DeliveriesVerified.Add(1, providerTag);
        if (!Json.IsWellFormed(body))
        {
            await rejected.AnswerAsync(appKey, RejectionReasons.MalformedBody, StatusCodes.Status400BadRequest, RejectionReasons.Describe(RejectionReasons.MalformedBody));
            return;
        }

        var info = webhooks.DeliveryReader.Read(request);
        if (AppDeliveryInstallation.Read(body) is not { } installation)
        {
            await WebhookEndpoint.AnswerAsync(http, StatusCodes.Status200OK, info.IsPing ? "pong" : "no installation named; nothing to route");
            return;
        }

        var hook = await parts.Directory.FindInstallationAsync(app, installation.Id, ct);
        if (hook is null || !hook.HookIsLive || !hook.ConnectionIsLive)
        {
            await parts.Unknown.RecordAsync(app, installation, info.EventName, now, ct);
            LogUnknownInstallation(parts.Log, installation.Id, app.ToString(), info.EventName);
            await WebhookEndpoint.AnswerAsync(http, StatusCodes.Status202Accepted, "accepted; this installation is not attached to any connection");
            return;
        }

        string deliveryId = info.DeliveryId ?? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body));
        string headers = DeliveryHeaders.ToJson(http.Request.Headers, webhooks.Webhook.KeptHeaders);
        bool stored = await parts.Commits.StoreAsync(
            new VerifiedDelivery(hook, deliveryId, info.EventName, info.IsPing, headers, body, now, HubTracing.CurrentTraceparent()), ct);
        if (stored)
        {
            HubMetrics.DeliveriesStored.Add(1, providerTag);
        }

        await WebhookEndpoint.AnswerAsync(http, stored ? StatusCodes.Status202Accepted : StatusCodes.Status200OK, stored ? "accepted" : "duplicate");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "App webhook delivery answered 503: the database is unavailable or this node is stopping")]
    private static partial void LogDatabaseUnavailable(ILogger logger, Exception ex);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook secret of {App} cannot be decrypted; its deliveries are refused until the key ring is fixed")]
    private static partial void LogSecretUnavailable(ILogger logger, string app, Exception ex);

    [LoggerMessage(Level = LogLevel.Information, Message = "App webhook delivery ({Event}) for installation {InstallationId} of {App}, which no connection holds: recorded, not processed")]
    private static partial void LogUnknownInstallation(ILogger logger, long installationId, string app, string? @event);
}
