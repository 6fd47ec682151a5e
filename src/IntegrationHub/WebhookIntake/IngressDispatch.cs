using System.Globalization;
using IntegrationHub.Secrets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.WebhookIntake;

/// <summary>
/// The request delegate of <c>POST /hooks/{provider}/{hookId}</c>: what <see cref="WebhookEndpoint"/> needs is held here
/// once, not resolved per request from a request scope (a delivery creates none: see <see cref="IngestFeature.UseWebhookIngress"/>).
/// </summary>
internal sealed class IngressDispatch(HookDirectory directory, GroupCommit commits, UnknownHooks unknown, RejectionCounter rejections,
    SourceAddressBudget addresses, ISecretProtector protector, TimeProvider clock, ILogger<DeliveryInbox> log)
{
    public const string Route = "/hooks/{provider}/{hookId:guid}";

    /// <summary>The endpoint's name, by which the ingress branch recognizes it.</summary>
    public const string EndpointName = "webhook-ingress";

    public Task HandleAsync(HttpContext http)
    {
        var values = http.Request.RouteValues;
        // The route's guid constraint matched this value already; parsed as the constraint does.
        var hookId = Guid.Parse(Convert.ToString(values["hookId"], CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture);
        string provider = values["provider"] as string ?? string.Empty;
        return WebhookEndpoint.HandleAsync(http, provider, hookId, directory, commits, unknown, rejections, addresses, protector, clock, log);
    }
}
