using IntegrationHub.Addresses;
using IntegrationHub.Jobs;
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
        services.Configure<PlatformAppsOptions>(o => o.Bind(configuration));
        services.Configure<ProviderCallOptions>(configuration.GetSection(PlatformAppsOptions.Section));
        services.AddAddresses(configuration);
        services.AddSingleton<ProviderHttp>();
        services.AddSingleton<InstanceProbe>();
        services.AddSingleton<TokenRefresher>();
        services.AddSingleton<OAuthStateStore>();
        services.AddSingleton<OAuthStateProtector>();
        services.AddScoped<OAuthFlow>();
        services.AddScoped<OAuthCallback>();
        services.AddScoped<CallbackStateCheck>();
        services.AddScoped<GitHubAppInstall>();
        services.AddScoped<GitHubAppChoice>();
        services.AddScoped<ConnectionWriter>();
        services.AddScoped<PatConnector>();
        services.AddScoped<TokenScopeCheck>();
        services.AddScoped<WebhookOnlyConnector>();
        services.AddScoped<BitbucketDcConnector>();
        services.AddScoped<ConnectionTokenAdder>();
        services.AddScoped<ITokenRefreshSweepJob, TokenRefreshSweep>();
        return services;
    }

    /// <summary>Worker nodes: the token refresh sweep, a recurring Hangfire job with the stable id "token-refresh".</summary>
    public static IServiceCollection AddTokenRefreshJob(this IServiceCollection services, IConfiguration configuration)
    {
        var jobs = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        RecurringJobSpec.Add<ITokenRefreshSweepJob>(services, "token-refresh", j => j.RunAsync(CancellationToken.None),
            RecurringJobSpec.EveryMinutes(jobs.TokenRefreshMinutes));
        return services;
    }

    public static IEndpointRouteBuilder MapConnect(this IEndpointRouteBuilder app) => app.MapConnectEndpoints().MapTokenConnectEndpoints();
}
