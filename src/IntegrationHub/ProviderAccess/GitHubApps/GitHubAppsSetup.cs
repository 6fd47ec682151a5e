using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.ProviderAccess.GitHubApps;

/// <summary>GitHub Apps on every host: the platform app from settings (checked here, at start), the app directory and installation tokens.</summary>
internal static class GitHubAppsSetup
{
    /// <exception cref="InvalidOperationException">Hub:GitHubApp is set but incomplete or unusable; one line for the operator.</exception>
    public static IServiceCollection AddGitHubApps(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new PlatformGitHubApp(PlatformGitHubAppSettings.Read(configuration)));
        services.AddSingleton<GitHubAppProtectors>();
        services.AddSingleton<GitHubAppClients>();
        services.AddSingleton<InstallationTokens>();
        services.AddSingleton<InstallationApis>();
        services.AddScoped<GitHubAppDirectory>();
        services.AddScoped<TenantGitHubApps>();
        return services;
    }
}
