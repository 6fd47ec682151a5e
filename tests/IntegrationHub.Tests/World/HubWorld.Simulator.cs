using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Tests.World;

/// <summary>The simulator's control API (<c>/_sim/...</c>): users, tokens, repositories, events, faults.</summary>
public sealed partial class HubWorld
{
    /// <summary>The simulator's base URL, when the world started one.</summary>
    public string? SimUrl { get; }

    /// <summary>A plain client of the simulator, when the world started one.</summary>
    public HttpClient? Sim { get; }

    private HttpClient Simulator => Sim ?? throw new InvalidOperationException("This world was started without the simulator.");

    public async Task<JsonNode> ControlAsync(string path, object body, CancellationToken cancellationToken = default)
    {
        using var response = await Simulator.PostAsJsonAsync("/_sim/" + path, body, cancellationToken);
        string text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"POST /_sim/{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public async Task<JsonNode> SimGetAsync(string pathAndQuery, CancellationToken cancellationToken = default) =>
        JsonNode.Parse(await Simulator.GetStringAsync(pathAndQuery, cancellationToken))!;

    /// <summary>Sets (or with null clears) the provider's injected faults.</summary>
    public async Task FaultAsync(string provider, object? settings, CancellationToken cancellationToken = default)
    {
        using var response = settings is null
            ? await Simulator.DeleteAsync($"/_sim/faults/{provider}", cancellationToken)
            : await Simulator.PutAsJsonAsync($"/_sim/faults/{provider}", settings, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
