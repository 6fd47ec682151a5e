using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.ProviderSim.Tests.Shape;

/// <summary>
/// A seeded simulator world and an authenticated API client per read-shape test class; <see cref="Values"/> reads a
/// list wrapped in the provider's envelope and refuses an empty one, so a shape loop never passes by checking nothing;
/// <see cref="Post"/> makes a write and returns its answer.
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

    /// <summary>A write, with a token made without scopes (the simulator lets it do anything); its 2xx body.</summary>
    private protected async Task<JsonNode> Post(string path, object body)
    {
        string pat = await W.Sim.Pat(provider);
        using var writer = provider == "azure-devops" ? W.Sim.Client("Basic", Infrastructure.OAuthHelper.Basic("", pat)) : W.Sim.Client("Bearer", pat);
        using var response = await writer.PostAsJsonAsync(path, body);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private protected async Task<JsonArray> Values(string path)
    {
        var values = (await Get(path))[envelope]!.AsArray();
        Assert.NotEmpty(values);
        return values;
    }
}
