using IntegrationHub.Telemetry;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.WebhookIntake;

/// <summary>
/// Answers a rejected delivery for <see cref="WebhookEndpoint"/>: counts it in memory (no database write) and, when the
/// reason says the sender is not who it claims or abuses the endpoint, spends its source address's rejection budget (unless
/// that address is vouched for the hook, see <see cref="SourceAddressBudget"/>).
/// A hook we disabled (410), a verified body we cannot parse, or our own failure to decrypt a secret are the real
/// provider talking to a hook of ours: they cost its shared egress addresses nothing.
/// </summary>
internal sealed class Rejecter(HttpContext http, RejectionCounter rejections, SourceAddressBudget addresses, string provider)
{
    public Task AnswerAsync(Guid? hookId, string reason, int status, string text)
    {
        rejections.Count(provider, hookId, reason);
        // provider is the catalog's slug and reason one of RejectionReasons' constants: two bounded tags, nothing built.
        HubMetrics.DeliveriesRejected.Add(1, new KeyValuePair<string, object?>(HubMetrics.ProviderTag, provider),
            new KeyValuePair<string, object?>(HubMetrics.ReasonTag, reason));
        if (HubTracing.Recording is { } span)
        {
            span.SetTag(HubTracing.ProviderTag, provider);
            span.SetTag(HubTracing.HookTag, hookId);
            span.SetTag(HubTracing.OutcomeTag, reason);
        }

        if (SpendsAddressBudget(reason))
        {
            addresses.Spend(http, hookId);
        }

        return WebhookEndpoint.AnswerAsync(http, status, text);
    }

    /// <summary>The delivery verified: its source is a real sender for this hook (see <see cref="SourceAddressBudget.Vouch"/>).</summary>
    public void Vouch(Guid hookId) => addresses.Vouch(http, hookId);

    // An unknown hook id is not among them: it costs one cached lookup and no write, and a provider can be made to post to
    // any URL (anyone can add a webhook), so counting it would let anyone spend a provider's shared addresses.
    private static bool SpendsAddressBudget(string reason) => reason is RejectionReasons.Oversized
        or RejectionReasons.MissingHeader or RejectionReasons.MalformedHeader or RejectionReasons.BadSignature or RejectionReasons.StaleTimestamp;
}
