using IntegrationHub.ProviderSim.Delivery;
using IntegrationHub.ProviderSim.Faults;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.BitbucketCloud;

/// <summary>Bitbucket Cloud under <c>/bitbucket</c> (also accepted as <c>bitbucket-cloud</c>).</summary>
internal sealed class BitbucketCloudProvider : ISimulatedProvider
{
    /// <summary>The name goes into stable uuids and must not change; the slug is the base path.</summary>
    public static readonly ProviderId Id = new("BitbucketCloud", "bitbucket");

    public ProviderFacts Facts { get; } = new(Id) { Aliases = ["bitbucket-cloud"] };

    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton<IWebhookFormatter, BitbucketCloudWebhookFormatter>();
        services.AddSingleton<IDeliveryRules, BitbucketCloudDeliveryRules>();
        services.AddSingleton<IApiFaults, BitbucketCloudApiFaults>();
    }

    public void UseBeforeRouting(IApplicationBuilder app)
    {
        // Nothing: its routes match the paths as clients send them.
    }

    public void Map(IEndpointRouteBuilder app) => app.MapBitbucketCloud();
}
