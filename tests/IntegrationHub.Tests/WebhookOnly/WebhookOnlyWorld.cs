using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Hosting;
using IntegrationHub.Local;
using IntegrationHub.ProviderSim;
using IntegrationHub.Tests.Foundation;
using IntegrationHub.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IntegrationHub.Tests.WebhookOnly;

/// <summary>
/// Webhook-only Bitbucket Data Center as a tenant meets it: the simulator (real HTTP), and the hub's web host with its
/// worker inside on a real port (so the simulator delivers to the URL the connect page shows), on its own database.
/// Ingest, discovery and the poll run on short intervals; the 30-minute hook reconciliation is left to tests to call.
/// </summary>
internal sealed class WebhookOnlyWorld : IAsyncDisposable
{
    public const string Pat = "bbdc-demo-personal-token";

    private readonly WebApplication _sim;
    private readonly WebApplication _hub;

    private WebhookOnlyWorld(WebApplication sim, string simUrl, WebApplication hub, string hubUrl, string cs)
    {
        _sim = sim;
        _hub = hub;
        SimUrl = simUrl;
        HubUrl = hubUrl;
        ConnectionString = cs;
        Sim = new HttpClient { BaseAddress = new Uri(simUrl) };
        Db = NpgsqlDataSource.Create(cs);
    }

    public string SimUrl { get; }
    public string HubUrl { get; }
    public string ConnectionString { get; }
    public HttpClient Sim { get; }
    public NpgsqlDataSource Db { get; }
    public IServiceProvider Services => _hub.Services;

    public static async Task<WebhookOnlyWorld> StartAsync()
    {
        string cs = await TestPostgres.CreateDatabaseAsync();
        for (int attempt = 1; ; attempt++)
        {
            // The hub's public URL must be known before it starts (the page shows webhook URLs built on it): a free port,
            // taken again if something grabbed it in between.
            string hubUrl = $"http://127.0.0.1:{WorkerProcess.FreePort()}";
            var sim = SimulatorApp.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"], o =>
            {
                DemoProviders.Configure(o, hubUrl);
                o.AutoApprove = true;
                o.DeliveryRetryDelay = TimeSpan.FromMilliseconds(50);
            });
            await sim.StartAsync();
            string simUrl = sim.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
            try
            {
                var hub = await StartHubAsync(cs, hubUrl, simUrl);
                return new WebhookOnlyWorld(sim, simUrl, hub, hubUrl, cs);
            }
            catch (IOException) when (attempt < 3)
            {
                await sim.StopAsync();
                await sim.DisposeAsync();
            }
        }
    }

    private static async Task<WebApplication> StartHubAsync(string cs, string hubUrl, string simUrl)
    {
        // Named after the web host's assembly, so its static web assets manifest is found.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = "IntegrationHub.Web", EnvironmentName = "Development" });
        var settings = DemoProviders.HubSettings(simUrl);
        settings["ConnectionStrings:Hub"] = cs;
        settings["Hub:PublicBaseUrl"] = hubUrl;
        settings["Hub:Worker:NodeId"] = "webhook-only-" + Guid.NewGuid().ToString("n")[..6];
        settings["Hub:Ingest:JobSeconds"] = "1";
        settings["Hub:Discover:JobSeconds"] = "1";
        settings["Hub:Poll:JobSeconds"] = "1";
        settings["Hub:Poll:IntervalSeconds"] = "4";
        settings["Hub:Hooks:ReconcileMinutes"] = "0";
        settings["urls"] = hubUrl;
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddHubWeb();
        builder.AddHubWorker();
        var hub = builder.Build();
        await hub.MigrateHubAsync();
        hub.MapHubWeb();
        try
        {
            await hub.StartAsync();
            return hub;
        }
        catch
        {
            await hub.DisposeAsync();
            throw;
        }
    }

    /// <summary>A signed-in person of a new tenant, with cookies, not following redirects.</summary>
    public async Task<HttpClient> SignUpAsync(string email, string tenant)
    {
        var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(HubUrl),
        };
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SignUpAsync(browser, email, tenant)).StatusCode);
        return browser;
    }

    public async Task<JsonNode> ControlAsync(string path, object body)
    {
        using var response = await Sim.PostAsJsonAsync("/_sim/" + path, body);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST /_sim/{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>A repository at the simulator the demo PAT's user administers; returns Bitbucket's id for it.</summary>
    public async Task<string> RepositoryAsync(string projectKey, string slug) =>
        ((long)(await ControlAsync("repos", new { provider = "bitbucket-dc", owner = projectKey, name = slug, user = "demo" }))["id"]!)
            .ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task WaitForDeliveriesAsync() =>
        Assert.Equal(HttpStatusCode.OK, (await Sim.PostAsync("/_sim/deliveries/wait?timeoutMs=30000", null)).StatusCode);

    public async Task<T?> ScalarAsync<T>(string sql, params object[] args)
    {
        await using var cmd = Db.CreateCommand(sql);
        foreach (object a in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        }

        object? value = await cmd.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)value;
    }

    /// <summary>Waits for a condition the worker brings about, polling; the machine may be loaded, so the limit is generous.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, int seconds = 90)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(seconds); DateTime.UtcNow < deadline; await Task.Delay(250))
        {
            if (await condition())
            {
                return;
            }
        }

        Assert.Fail($"Timed out after {seconds} s waiting for: {what}");
    }

    public async ValueTask DisposeAsync()
    {
        await _hub.StopAsync();
        await _hub.DisposeAsync();
        await _sim.StopAsync();
        await _sim.DisposeAsync();
        await Db.DisposeAsync();
        Sim.Dispose();
    }
}
