using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Local;

/// <summary>Seeds the demo accounts in the hub.</summary>
internal static class DemoWorld
{
    public static async Task<DemoCredentials> SeedAsync(IServiceProvider services, string dataDir, string simulatorUrl, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var seeder = ActivatorUtilities.CreateInstance<DemoSeeder>(scope.ServiceProvider);
        return await seeder.SeedAsync(dataDir, ct);
    }
}
