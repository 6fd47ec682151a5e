namespace IntegrationHub.ProviderSim.World;

/// <summary>
/// One provider folder as the composition root sees it: its facts, the services it plugs into the shared folders
/// (webhook formatter, delivery rules, API fault answers), and its routes. The list of them is <c>SimProviders</c>.
/// </summary>
internal interface ISimulatedProvider
{
    ProviderFacts Facts { get; }

    void AddServices(IServiceCollection services);

    /// <summary>Middleware that must see the request before routing (Azure DevOps rewrites project ids to names).</summary>
    void UseBeforeRouting(IApplicationBuilder app);

    void Map(IEndpointRouteBuilder app);
}
