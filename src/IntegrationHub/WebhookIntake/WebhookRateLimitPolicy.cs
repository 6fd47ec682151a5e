using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace IntegrationHub.WebhookIntake;

/// <summary>
/// ASP.NET Core's rate limiter on <c>POST /hooks/{provider}/{hookId}</c>, before anything is looked up or read:
/// a source address whose rejection budget is spent is refused, but for hooks it is vouched for (<see cref="SourceAddressBudget"/>);
/// otherwise each hook id has its own token bucket (<see cref="IngressOptions.HookBurst"/>, <see cref="IngressOptions.HookPerMinute"/>).
/// Refusals are 429 with Retry-After in whole seconds, in plain text. The limits sit well above what a provider sends, because
/// a 429 hurts a real provider: GitHub never retries it (the poll recovers the event), GitLab counts it towards disabling the
/// hook, Azure DevOps puts the subscription on probation.
/// </summary>
internal sealed class WebhookRateLimitPolicy(SourceAddressBudget addresses, IOptions<IngressOptions> options) : IRateLimiterPolicy<string>
{
    public const string Name = "webhook-ingress";

    private const string RetryAfterItem = "ihub.retry-after";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RefuseAsync;

    public RateLimitPartition<string> GetPartition(HttpContext http)
    {
        // The route's {hookId:guid} takes several spellings of one id (upper case, braces, no dashes): one bucket for all.
        Guid? hookId = Guid.TryParse(http.Request.RouteValues["hookId"] as string, out var parsed) ? parsed : null;
        if (!addresses.HasBudget(http, hookId, out var wait))
        {
            http.Items[RetryAfterItem] = wait;
            return RateLimitPartition.Get("address-refused", _ => new RefusingLimiter());
        }

        var o = options.Value;
        if (o.HookBurst <= 0 || o.HookPerMinute <= 0)
        {
            return RateLimitPartition.GetNoLimiter("unlimited");
        }

        return RateLimitPartition.GetTokenBucketLimiter("hook:" + hookId?.ToString("N"), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = o.HookBurst,
            // A refill of one token at a time keeps the rate smooth; a period under the limiter's 100 ms tick refills several.
            TokensPerPeriod = Math.Max(1, o.HookPerMinute / 600),
            ReplenishmentPeriod = TimeSpan.FromMinutes(Math.Max(1, o.HookPerMinute / 600) / (double)o.HookPerMinute),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static async ValueTask RefuseAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        TimeSpan wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after
            : http.Items[RetryAfterItem] as TimeSpan? ?? TimeSpan.FromMinutes(1);
        http.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync("too many requests\n", ct);
    }
}
