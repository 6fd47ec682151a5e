using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IntegrationHub.Addresses;

/// <summary>The address guard for every feature that reaches a URL a tenant typed.</summary>
public static class AddressesSetup
{
    public static IServiceCollection AddAddresses(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SecurityOptions>(configuration.GetSection(SecurityOptions.Section));
        services.TryAddSingleton<BaseUrlGuard>();
        services.TryAddSingleton<TargetUrlGuard>();
        services.TryAddSingleton<GuardedSockets>();
        return services;
    }
}
