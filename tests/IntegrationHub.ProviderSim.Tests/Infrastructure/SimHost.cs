using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.ProviderSim.Tests.Infrastructure;

/// <summary>The simulator on a dynamic port over real HTTP, with helpers for its control API.</summary>
internal sealed class SimHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimHost(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
        Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };
    }

    public string BaseUrl { get; }
    public HttpClient Http { get; }

    public static async Task<SimHost> Start(Action<SimulatorOptions>? configure = null)
    {
        var app = SimulatorApp.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"], o =>
        {
            o.DeliveryRetryDelay = TimeSpan.FromMilliseconds(50);
            o.DeliveryTimeout = TimeSpan.FromSeconds(5);
            configure?.Invoke(o);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SimHost(app, address.TrimEnd('/'));
    }

    /// <summary>An HttpClient sending <c>Authorization: {scheme} {value}</c>.</summary>
    public HttpClient Client(string scheme, string value)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(scheme, value);
        client.DefaultRequestHeaders.UserAgent.ParseAdd("ProviderSim.Tests");
        return client;
    }

    public async Task<JsonNode> Control(string path, object body)
    {
        using var response = await Http.PostAsJsonAsync("/_sim/" + path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST /_sim/{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public async Task<string> Pat(string provider, string? user = null, params string[] scopes) =>
        (string)(await Control("tokens", new { provider, user, scopes }))["token"]!;

    public Task<JsonNode> Seed(string provider, int owners, int reposPerOwner, string ownerPrefix = "org", string[]? users = null, string? organization = null) =>
        Control("seed", new { provider, owners, reposPerOwner, ownerPrefix, users, organization });

    public Task<JsonNode> Event(string what, object body) => Control("events/" + what, body);

    public async Task WaitForDeliveries()
    {
        using var response = await Http.PostAsync("/_sim/deliveries/wait?timeoutMs=15000", null);
        Assert.True(response.IsSuccessStatusCode, "deliveries did not settle");
    }

    public async Task<JsonArray> Deliveries(string provider, string? @event = null) =>
        (JsonArray)JsonNode.Parse(await Http.GetStringAsync($"/_sim/deliveries?provider={provider}" + (@event is null ? "" : "&event=" + Uri.EscapeDataString(@event))))!;

    /// <summary>Comments and commit comments of one repository, oldest first (<c>GET /_sim/comments</c>).</summary>
    public async Task<JsonArray> Comments(string provider, string repo) =>
        (JsonArray)JsonNode.Parse(await Http.GetStringAsync($"/_sim/comments?provider={provider}&repo={Uri.EscapeDataString(repo)}"))!;

    /// <summary>Commit statuses of one repository, oldest first (<c>GET /_sim/statuses</c>).</summary>
    public async Task<JsonArray> Statuses(string provider, string repo) =>
        (JsonArray)JsonNode.Parse(await Http.GetStringAsync($"/_sim/statuses?provider={provider}&repo={Uri.EscapeDataString(repo)}"))!;

    public async Task SetFaults(string provider, object faults)
    {
        using var response = await Http.PutAsJsonAsync("/_sim/faults/" + provider, faults);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
