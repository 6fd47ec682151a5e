using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Team;

/// <summary>A tenant's people: members and their roles, invitations (Settings → Members).</summary>
public static class TeamFeature
{
    public static IServiceCollection AddTeam(this IServiceCollection services)
    {
        services.AddScoped<MembersService>();
        return services;
    }

    public static IEndpointRouteBuilder MapTeam(this IEndpointRouteBuilder app)
    {
        MemberEndpoints.Map(app);
        return app;
    }
}
