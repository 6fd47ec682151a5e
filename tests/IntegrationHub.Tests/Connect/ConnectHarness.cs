using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Local;
using IntegrationHub.ProviderSim;
using IntegrationHub.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Tests.Connect;

/// <summary>
/// The hub (TestServer, its own database) and the simulator (real HTTP on a dynamic port) wired as the demo wires
/// them: platform apps registered at the simulator with the hub's exact callback URLs, the simulator allow-listed.
/// </summary>
internal sealed class ConnectHarness : IAsyncDisposable
{
    public const string HubUrl = "http://localhost";

    private ConnectHarness(WebApplication sim, string simUrl, HubFactory hub, WebApplicationFactory<Program> web, HttpMessageHandler simHandler)
    {
        Sim = sim;
        SimUrl = simUrl;
        Hub = hub;
        Web = web;
        SimHttp = new HttpClient(simHandler) { BaseAddress = new Uri(simUrl) };
    }

    public WebApplication Sim { get; }
    public string SimUrl { get; }
    public HubFactory Hub { get; }

    /// <summary>The hub as the test configured it (clock, log capture); use this, not <see cref="Hub"/>, for requests.</summary>
    public WebApplicationFactory<Program> Web { get; }

    public IServiceProvider Services => Web.Services;

    public HttpClient Browser() => Web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
    public HttpClient SimHttp { get; }

    public static async Task<ConnectHarness> StartAsync(IDictionary<string, string?>? settings = null, Action<SimulatorOptions>? configure = null,
        Action<IServiceCollection>? services = null, ILoggerProvider? logs = null, PrivateCa? tls = null)
    {
        string[] listen = tls?.KestrelArgs() ?? ["--urls", "http://127.0.0.1:0"];
        var sim = SimulatorApp.Build([.. listen, "--Logging:LogLevel:Default=Warning"], o =>
        {
            DemoProviders.Configure(o, HubUrl);
            o.AutoApprove = true;
            configure?.Invoke(o);
        });
        await sim.StartAsync();
        string simUrl = sim.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        var all = DemoProviders.HubSettings(simUrl);
        all["Hub:PublicBaseUrl"] = HubUrl;
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            all[k] = v;
        }

        var hub = new HubFactory(await TestPostgres.CreateDatabaseAsync(), all);
        var web = hub.WithWebHostBuilder(b =>
        {
            if (services is not null)
            {
                b.ConfigureServices(services);
            }

            if (logs is not null)
            {
                b.ConfigureLogging(l => l.AddProvider(logs));
            }
        });
        return new ConnectHarness(sim, simUrl, hub, web, tls?.ClientHandler() ?? new SocketsHttpHandler { AllowAutoRedirect = false });
    }

    public async Task<HttpClient> SignUpAsync(string email, string tenant)
    {
        var browser = Browser();
        var response = await Forms.SignUpAsync(browser, email, tenant);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    /// <summary>Clicks a one-click Connect (or Reconnect) button; returns the authorize URL the hub sends the person to.</summary>
    public async Task<Uri> StartPlatformAsync(HttpClient browser, string provider, Guid? reconnect = null)
    {
        var fields = new Dictionary<string, string>();
        if (reconnect is { } id)
        {
            fields["connectionId"] = id.ToString();
        }

        var response = await Forms.SubmitAsync(browser, "/integrations", null, fields, action: $"/integrations/connect/{provider}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        foreach (string set in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            string pair = set.Split(';')[0];
            LastCookies[pair[..pair.IndexOf('=')]] = pair[(pair.IndexOf('=') + 1)..];
        }

        return response.Headers.Location!;
    }

    /// <summary>Cookies the hub set when the last flow started (the correlation cookie), as an attacker who copied them would have.</summary>
    public Dictionary<string, string> LastCookies { get; } = [];

    /// <summary>Plays the provider: approves at the simulator and returns the hub callback URL it redirects to.</summary>
    public async Task<string> ApproveAsync(Uri authorize)
    {
        using var response = await SimHttp.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.ToString();
    }

    /// <summary>The browser arriving back at the hub's callback; returns where the hub sends it next.</summary>
    public static async Task<string> CallbackAsync(HttpClient browser, string callbackUrl)
    {
        using var response = await browser.GetAsync(callbackUrl);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.ToString();
    }

    public async Task<string> ConnectPlatformAsync(HttpClient browser, string provider) =>
        await CallbackAsync(browser, await ApproveAsync(await StartPlatformAsync(browser, provider)));

    public async Task<JsonNode> SimControlAsync(string path, object body)
    {
        using var response = await SimHttp.PostAsJsonAsync("/_sim/" + path, body);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST /_sim/{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public async ValueTask DisposeAsync()
    {
        await Web.DisposeAsync();
        await Hub.DisposeAsync();
        await Sim.StopAsync();
        await Sim.DisposeAsync();
        SimHttp.Dispose();
    }
}
