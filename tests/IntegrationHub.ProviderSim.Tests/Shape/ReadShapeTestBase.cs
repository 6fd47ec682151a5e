using System.Text.Json.Nodes;

namespace IntegrationHub.ProviderSim.Tests.Shape;

/// <summary>
/// A seeded simulator world and an authenticated API client per read-shape test class; <see cref="Values"/> reads a
/// list wrapped in the provider's envelope and refuses an empty one, so a shape loop never passes by checking nothing.
/// </summary>
public abstract class ReadShapeTestBase : IAsyncLifetime
{
    private readonly Func<Task<ShapeWorld>> world;
    private readonly string provider;
    private readonly string envelope;

    private protected ReadShapeTestBase(Func<Task<ShapeWorld>> world, string provider, string envelope)
    {
        this.world = world;
        this.provider = provider;
        this.envelope = envelope;
    }

    private protected ShapeWorld W { get; private set; } = null!;
    private protected HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        W = await world();
        Client = await ShapeWorld.ApiClient(W.Sim, provider);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await W.DisposeAsync();
    }

    private protected Task<JsonNode> Get(string path) => W.Get(Client, path);

    private protected async Task<JsonArray> Values(string path)
    {
        var values = (await Get(path))[envelope]!.AsArray();
        Assert.NotEmpty(values);
        return values;
    }
}
