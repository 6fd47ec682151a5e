using Hangfire.Server;
using IntegrationHub.Addresses;
using IntegrationHub.Dashboard;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Outbound;

/// <summary>Outbound webhooks: subscriptions (both hosts), and the fan-out and sender loop (worker).</summary>
public static class OutboundFeature
{
    public static IServiceCollection AddOutbound(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<OutboundOptions>(configuration.GetSection(OutboundOptions.Section));
        services.AddAddresses(configuration);
        services.AddSingleton<SubscriptionValidator>();
        services.AddScoped<SubscriptionService>();
        services.AddScoped<SubscriptionDeliveries>();
        services.AddScoped<WebhookPageQueries>();
        services.AddSingleton(new HomeNotice(typeof(Pages.DisabledWebhooksBanner)));
        services.AddSingleton<OutboundFanOut>();
        services.AddSingleton<OutboundClaims>();
        services.AddSingleton<OutboundHttp>();
        services.AddSingleton<OutboundDisabler>();
        services.AddSingleton<OutboundSender>();
        return services;
    }

    /// <summary>
    /// The fan-out and sender loop on worker nodes (Hub:Outbound:Enabled, on by default): a Hangfire background process,
    /// which the worker's Hangfire server starts with every other registered <see cref="IBackgroundProcess"/>.
    /// </summary>
    public static IServiceCollection AddOutboundLoop(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetSection(OutboundOptions.Section).Get<OutboundOptions>()?.Enabled ?? true)
        {
            services.AddSingleton<IBackgroundProcess, OutboundLoop>();
        }

        return services;
    }
}
