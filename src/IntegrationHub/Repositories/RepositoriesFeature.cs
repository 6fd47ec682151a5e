using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Repositories;

/// <summary>The home page and the Repositories pages: what each connection sees, how its hooks and poll are doing, watch settings.</summary>
public static class RepositoriesFeature
{
    public static IServiceCollection AddRepositories(this IServiceCollection services)
    {
        services.AddScoped<RepositoryActions>();
        services.AddScoped<RepositoriesView>();
        services.AddScoped<ConnectionPanelQuery>();
        services.AddScoped<RepositoryQuery>();
        services.AddScoped<RepositoryDetails>();
        services.AddScoped<PollHealth>();
        return services;
    }

    public static IEndpointRouteBuilder MapRepositories(this IEndpointRouteBuilder app)
    {
        RepositoryEndpoints.Map(app);
        return app;
    }
}
