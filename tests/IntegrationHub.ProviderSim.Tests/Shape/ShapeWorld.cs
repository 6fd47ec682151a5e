using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Tests.Infrastructure;

namespace IntegrationHub.ProviderSim.Tests.Shape;

/// <summary>
/// A simulator with one repository per provider, a catch-all hook on each, and one of every event: the material
/// the fixture-shape tests compare against ../shared/fixtures.
/// </summary>
internal sealed class ShapeWorld : IAsyncDisposable
{
    private ShapeWorld(SimHost sim, Receiver rx)
    {
        Sim = sim;
        Rx = rx;
    }

    public SimHost Sim { get; }
    public Receiver Rx { get; }

    public static async Task<ShapeWorld> Create(string provider, Func<SimHost, string, HttpClient, Task> addHooks, string repo, string ownerPrefix, string? organization = null)
    {
        var sim = await SimHost.Start();
        var rx = await Receiver.Start();
        await sim.Seed(provider, 1, 1, ownerPrefix: ownerPrefix, organization: organization);
        using var api = await ApiClient(sim, provider);
        await addHooks(sim, rx.Url, api);
        await sim.WaitForDeliveries();
        var p = new { provider, repo };
        await sim.Event("push", new { provider, repo, commits = 2 });
        await sim.Event("pull-request-open", new { provider, repo, branch = "feature", title = "Add feature", body = "Please review" });
        await sim.Event("pull-request-update", new { provider, repo, number = 1, push = true });
        await sim.Event("comment", new { provider, repo, number = 1, body = "Looks good @demo" });
        await sim.Event("issue-open", new { provider, repo, title = "Bug" });
        await sim.Event("comment", new { provider, repo, number = provider == "github" ? 2 : 1, on = "issue", body = "On the issue" });
        await sim.Event("run", new { provider, repo, conclusion = "failure", branch = "feature" });
        await sim.Event("status", new { provider, repo, state = "success", context = "ci/sim", description = "All good" });
        await sim.Event("pull-request-merge", new { provider, repo, number = 1 });
        await sim.WaitForDeliveries();
        return new ShapeWorld(sim, rx);
    }

    public static async Task<HttpClient> ApiClient(SimHost sim, string provider) => provider == "azure-devops"
        ? sim.Client("Basic", OAuthHelper.Basic("", await sim.Pat(provider)))
        : sim.Client("Bearer", await sim.Pat(provider, null, "repo"));

    public JsonNode Delivery(string header, string value, Func<JsonNode, bool>? where = null)
    {
        var hits = Rx.WithHeader(header, value).Select(r => r.Json).Where(j => where?.Invoke(j) ?? true).ToArray();
        Assert.True(hits.Length > 0, $"no delivery with {header}: {value}");
        return hits[0];
    }

    public JsonNode AzureDelivery(string eventType) =>
        Rx.Requests.Select(r => r.Json).FirstOrDefault(j => (string?)j["eventType"] == eventType) ?? throw new Xunit.Sdk.XunitException("no " + eventType);

    public async Task<JsonNode> Get(HttpClient api, string path) => (await api.GetFromJsonAsync<JsonNode>(path))!;

    public async ValueTask DisposeAsync()
    {
        await Rx.DisposeAsync();
        await Sim.DisposeAsync();
    }
}
