using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Cleanup;

/// <summary>
/// Disconnect, revoke and their clean-up at the provider: the tenant's Connect pages and the platform admin's revoke
/// page both use them, so the composition root registers them once, for neither feature to lean on the other.
/// </summary>
public static class CleanupSetup
{
    public static IServiceCollection AddCleanup(this IServiceCollection services)
    {
        services.AddScoped<ConnectionCleanup>();
        services.AddScoped<CleanupFinisher>();
        services.AddScoped<CleanupProgressQuery>();
        return services;
    }
}
