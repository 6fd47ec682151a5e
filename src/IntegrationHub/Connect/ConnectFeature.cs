using IntegrationHub.Addresses;
using IntegrationHub.Cleanup;
using IntegrationHub.ProviderAccess;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Connect;

/// <summary>Connect, reconnect, refresh, disconnect and revoke: one registration line for each host.</summary>
public static class ConnectFeature
{
    public static IServiceCollection AddConnect(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PlatformAppsOptions>(configuration.GetSection(PlatformAppsOptions.Section));
        services.Configure<ProviderCallOptions>(configuration.GetSection(PlatformAppsOptions.Section));
        services.AddAddresses(configuration);
        services.AddSingleton<ProviderHttp>();
        services.AddSingleton<InstanceProbe>();
        services.AddSingleton<TokenRefresher>();
        services.AddSingleton<OAuthStateStore>();
        services.AddSingleton<OAuthStateProtector>();
        services.AddScoped<OAuthFlow>();
        services.AddScoped<OAuthCallback>();
        services.AddScoped<ConnectionWriter>();
        services.AddScoped<PatConnector>();
        services.AddScoped<WebhookOnlyConnector>();
        services.AddScoped<ConnectionTokenAdder>();
        services.AddScoped<ConnectionCleanup>();
        services.AddScoped<CleanupFinisher>();
        return services;
    }

    public static IEndpointRouteBuilder MapConnect(this IEndpointRouteBuilder app) => app.MapConnectEndpoints();
}
