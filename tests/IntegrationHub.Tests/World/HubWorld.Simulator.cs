using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Tests.World;

/// <summary>The simulator's control API (<c>/_sim/...</c>): users, tokens, repositories, events, faults.</summary>
public sealed partial class HubWorld
{
    /// <summary>The simulator's base URL (the world must have started one).</summary>
    public string SimUrl => _simUrl ?? throw NoSimulator();

    /// <summary>A plain client of the simulator (the world must have started one).</summary>
    public HttpClient Sim => _simClient ?? throw NoSimulator();

    public async Task<JsonNode> ControlAsync(string path, object body, CancellationToken cancellationToken = default)
    {
        using var response = await Sim.PostAsJsonAsync("/_sim/" + path, body, cancellationToken);
        string text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"POST /_sim/{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public async Task<JsonNode> SimGetAsync(string pathAndQuery, CancellationToken cancellationToken = default) =>
        JsonNode.Parse(await Sim.GetStringAsync(pathAndQuery, cancellationToken))!;

    /// <summary>Sets (or with null clears) the provider's injected faults.</summary>
    public async Task FaultAsync(string provider, object? settings, CancellationToken cancellationToken = default)
    {
        using var response = settings is null
            ? await Sim.DeleteAsync($"/_sim/faults/{provider}", cancellationToken)
            : await Sim.PutAsJsonAsync($"/_sim/faults/{provider}", settings, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task<JsonArray> SimHooksAsync(string provider, CancellationToken cancellationToken = default) =>
        (JsonArray)JsonNode.Parse(await Sim.GetStringAsync($"/_sim/hooks?provider={provider}", cancellationToken))!;

    /// <summary>
    /// Pushes to <paramref name="path"/> while its hook's deliveries go to a closed port (the world's public base URL):
    /// from the 4th consecutive failure GitLab disables the hook, so five pushes leave it disabled.
    /// </summary>
    public async Task FailGitLabDeliveriesUntilDisabledAsync(string path, CancellationToken cancellationToken = default)
    {
        for (int i = 0; i < 5; i++)
        {
            await ControlAsync("events/push", new { provider = "gitlab", repo = path }, cancellationToken);
            await Sim.PostAsync("/_sim/deliveries/wait?timeoutMs=20000", null, cancellationToken);
        }
    }

    private static InvalidOperationException NoSimulator() => new("This world was started without the simulator (HubWorldOptions.Simulator).");

    /// <summary>Waits until the simulator has no delivery queued or in flight (attempts and retries done), instead of for time.</summary>
    public async Task SimDeliveriesIdleAsync(int timeoutMs = 30000, CancellationToken cancellationToken = default)
    {
        using var idle = await Sim.PostAsync($"/_sim/deliveries/wait?timeoutMs={timeoutMs}", null, cancellationToken);
        Assert.True(idle.IsSuccessStatusCode, "the simulator's deliveries did not finish");
    }

    /// <summary>Where tests put repositories at the simulator: the owner (Bitbucket DC project key, Azure DevOps organization) and the Azure DevOps project.</summary>
    public static (string Owner, string? Project) SimOwnerOf(string provider) =>
        provider switch { "bitbucket-dc" => ("PRJ", null), "azure-devops" => ("org1", "proj1"), _ => ("acme", null) };

    /// <summary>
    /// How the hub addresses a repository the simulator made (its answer to <c>POST /_sim/repos</c>): the external id as
    /// the provider's API gives it, the path the hub stores, and the base URL of a connection to that provider.
    /// </summary>
    public (string ExternalId, string HubPath, string BaseUrl) HubAddressOf(string provider, JsonNode repo, string owner, string? project, string name)
    {
        string externalId = provider switch
        {
            "bitbucket-cloud" => "{" + (string)repo["uuid"]! + "}",
            "azure-devops" => (string)repo["uuid"]!,
            _ => ((long)repo["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        string hubPath = provider == "azure-devops" ? $"{project}/{name}" : (string)repo["fullName"]!;
        string baseUrl = provider switch { "azure-devops" => $"{SimUrl}/azure-devops/{owner}", "bitbucket-cloud" => $"{SimUrl}/bitbucket", _ => $"{SimUrl}/{provider}" };
        return (externalId, hubPath, baseUrl);
    }
}
