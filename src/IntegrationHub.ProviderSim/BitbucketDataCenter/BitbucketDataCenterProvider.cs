using IntegrationHub.ProviderSim.Delivery;
using IntegrationHub.ProviderSim.Faults;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.BitbucketDataCenter;

/// <summary>Bitbucket Data Center under <c>/bitbucket-dc</c> (also <c>bitbucket-server</c>); project keys are upper case.</summary>
internal sealed class BitbucketDataCenterProvider : ISimulatedProvider
{
    /// <summary>The name goes into stable uuids and must not change; the slug is the base path.</summary>
    public static readonly ProviderId Id = new("BitbucketDataCenter", "bitbucket-dc");

    public ProviderFacts Facts { get; } = new(Id) { Aliases = ["bitbucket-server"], UpperCaseOwners = true };

    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton<IWebhookFormatter, BitbucketDataCenterWebhookFormatter>();
        services.AddSingleton<IApiFaults, BitbucketDataCenterApiFaults>();
    }

    public void UseBeforeRouting(IApplicationBuilder app)
    {
        // Nothing: its routes match the paths as clients send them.
    }

    public void Map(IEndpointRouteBuilder app) => app.MapBitbucketDataCenter();
}
