using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.Http;

/// <summary>The authenticated user and token of an API request, put in <see cref="HttpContext.Items"/> by <see cref="ApiAuth"/>.</summary>
internal sealed record Caller(SimToken Token, SimUser User)
{
    private const string Key = "sim.caller";

    public static Caller Of(HttpContext context) =>
        context.Items[Key] as Caller ?? throw new InvalidOperationException("Endpoint reached without authentication.");

    public void Attach(HttpContext context) => context.Items[Key] = this;
}
