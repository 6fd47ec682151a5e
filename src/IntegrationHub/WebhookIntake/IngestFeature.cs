using Hangfire.Server;
using IntegrationHub.Audit;
using IntegrationHub.Data;
using IntegrationHub.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.WebhookIntake;

/// <summary>Webhook ingress (web), delivery processing (worker), and the dashboard's redeliver action.</summary>
public static class IngestFeature
{
    public static IServiceCollection AddIngest(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<IngestOptions>(configuration.GetSection(IngestOptions.Section));
        services.AddSingleton<DeliveryInbox>();
        services.AddSingleton<DeliveryClaims>();
        services.AddSingleton<DeliveryProcessor>();
        services.Configure<RetentionOptions>(configuration.GetSection(RetentionOptions.Section));
        services.AddSingleton<RetentionSweep>();
        return services;
    }

    /// <summary>
    /// The web host's ingress guards: rate limits (a named policy, added to whatever else configures the rate limiter),
    /// the hook directory with its LISTEN connection, the unknown-hook cache, rejection counting with its periodic flush, and
    /// the group commit that stores verified deliveries.
    /// </summary>
    public static IServiceCollection AddIngestIngress(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<IngressOptions>(configuration.GetSection(IngressOptions.Section));
        services.AddSingleton<SourceAddressBudget>();
        services.AddSingleton<HookDirectory>();
        services.AddSingleton<HookDirectoryListener>();
        services.AddHostedService(sp => sp.GetRequiredService<HookDirectoryListener>());
        services.AddSingleton<UnknownHooks>();
        services.AddSingleton<AppWebhookDirectory>();
        services.AddSingleton<UnknownInstallations>();
        services.AddScoped<ActivityQueries>();
        services.AddScoped<DeliveryLog>();
        services.AddSingleton<RejectionCounter>();
        services.AddHostedService<RejectionFlusher>();
        services.AddSingleton<GroupCommit>();
        services.AddSingleton<IngressDispatch>();
        services.AddHostedService(sp => sp.GetRequiredService<GroupCommit>());
        services.AddRateLimiter(o => o.AddPolicy<string, WebhookRateLimitPolicy>(WebhookRateLimitPolicy.Name));
        return services;
    }

    public static IEndpointRouteBuilder MapIngest(this IEndpointRouteBuilder app)
    {
        // Providers post anonymously; the hook's secret is the authentication. No antiforgery: there is no browser.
        // Run by UseWebhookIngress's branch, not at the end of the dashboard's pipeline; mapped here so that routing finds it
        // with its rate-limit policy, and its route names the request in ASP.NET Core's metrics and spans.
        app.MapPost(IngressDispatch.Route, app.ServiceProvider.GetRequiredService<IngressDispatch>().HandleAsync).WithName(IngressDispatch.EndpointName)
            .AllowAnonymous().DisableAntiforgery().RequireRateLimiting(WebhookRateLimitPolicy.Name);
        // GitHub Apps: one URL per app, its webhook secret the authentication; routed by the body's installation id.
        app.MapPost(AppWebhookRoutes.Platform, AppWebhookEndpoint.PlatformAsync).AllowAnonymous().DisableAntiforgery();
        app.MapPost(AppWebhookRoutes.Tenant, AppWebhookEndpoint.TenantAsync).AllowAnonymous().DisableAntiforgery();
        app.MapPost("/hooks/{hookId:guid}/deliveries/{deliveryId:long}/redeliver", RedeliverAsync).RequireAuthorization().RequireFormToken();
        return app;
    }

    /// <summary>
    /// Webhook deliveries leave the pipeline here, right after routing and the transport steps (forwarded address, security
    /// headers): a provider's anonymous POST needs none of what follows for the dashboard (error and status-code pages,
    /// cookie authentication, tenant scope, authorization, antiforgery), and skipping it, with the request scope those
    /// would create, is CPU the ingest benchmark gives back to PostgreSQL. The rate limiter still runs first, with the
    /// endpoint's policy; the endpoint answers every outcome itself (a 503 when the database is away).
    /// </summary>
    public static IApplicationBuilder UseWebhookIngress(this IApplicationBuilder app) =>
        app.MapWhen(IsDelivery, branch =>
        {
            branch.UseRateLimiter();
            branch.Run(http => http.GetEndpoint()!.RequestDelegate!(http));
        });

    private static bool IsDelivery(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == IngressDispatch.EndpointName;

    /// <summary>
    /// The delivery inbox on worker nodes (Hub:Ingest:Enabled, on by default): a Hangfire background process, which the
    /// worker's Hangfire server starts with every other registered <see cref="IBackgroundProcess"/>.
    /// </summary>
    public static IServiceCollection AddIngestProcess(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetSection(IngestOptions.Section).Get<IngestOptions>()?.Enabled ?? true)
        {
            services.AddSingleton<IBackgroundProcess, IngestProcess>();
        }

        return services;
    }

    /// <summary>The delivery log's "Redeliver" as a form post: the delivery must be the current tenant's and this hook's.</summary>
    private static async Task<IResult> RedeliverAsync(Guid hookId, long deliveryId, DeliveryLog log, CancellationToken ct)
    {
        return await log.RedeliverAsync(hookId, deliveryId, ct) is { } queued
            ? Results.Redirect($"/hooks/{hookId}/deliveries?redelivered={(queued ? deliveryId : 0)}")
            : Results.NotFound();
    }
}
