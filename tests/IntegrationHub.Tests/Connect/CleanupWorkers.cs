using System.Collections.Concurrent;
using IntegrationHub.Data;
using IntegrationHub.Hosting;
using IntegrationHub.Local;
using IntegrationHub.ProviderAccess;
using IntegrationHub.Tests.World;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Tests.Connect;

/// <summary>
/// Worker nodes (Hangfire servers on the shared storage, the real jobs) on a <see cref="ConnectHarness"/>'s database, started and stopped by
/// the test, so a disconnect posted through the web host is finished in the background as in production. Each records
/// the provider calls it makes, in order (method and path, never headers).
/// </summary>
internal static class CleanupWorkers
{
    public static async Task<WebApplication> StartAsync(ConnectHarness h, string nodeId, ConcurrentQueue<string>? calls = null,
        Dictionary<string, string?>? extra = null, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder();
        var settings = DemoProviders.HubSettings(h.SimUrl);
        settings["ConnectionStrings:Hub"] = h.Hub.ConnectionString;
        settings["Hub:PublicBaseUrl"] = ConnectHarness.HubUrl; // the same hook URLs as the web host, so ours are found
        settings["Hub:Worker:NodeId"] = nodeId;
        settings["Hub:Worker:HeartbeatSeconds"] = "5";
        settings["Hub:Poll:Enabled"] = "false";
        settings["Hub:Jobs:InvisibilitySeconds"] = "30";
        settings["Hub:Hooks:ReconcileMinutes"] = "0";
        settings["urls"] = "http://127.0.0.1:0";
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration.AddInMemoryCollection(extra ?? []); // a later source overrides the defaults above
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddHubCore();
        builder.AddHubWorker();
        if (calls is not null)
        {
            builder.Services.AddHttpClient(ConnectionApis.HttpClientName).AddHttpMessageHandler(() => new Recorder(calls));
        }

        services?.Invoke(builder.Services);
        var worker = builder.Build();
        await worker.StartAsync();
        return worker;
    }

    public static async Task StopAsync(WebApplication worker)
    {
        await worker.StopAsync();
        await worker.DisposeAsync();
    }

    /// <summary>
    /// Connects GitHub on the platform app with <paramref name="repos"/> repositories, starts a worker, and waits until
    /// every repository has its hook.
    /// </summary>
    public static async Task<(HttpClient Browser, Connection Connection, WebApplication Worker, long Hooks)> ConnectHookedAsync(
        ConnectHarness h, int repos, string nodeId, ConcurrentQueue<string>? calls = null)
    {
        await h.SimControlAsync("seed", new { provider = "github", owners = 1, reposPerOwner = repos });
        var browser = await h.SignUpAsync("ada@a.test", "Tenant A");
        await h.ConnectPlatformAsync(browser, "github");
        var c = await ConnectDb.SingleAsync(h);
        var worker = await StartAsync(h, nodeId, calls);
        long hooks = 0;
        Assert.True(await HubWorld.EventuallyAsync(async () =>
        {
            var counts = await CountsAsync(h, c.Id);
            hooks = counts.Registered;
            return counts.Discovered && counts.Registered >= repos && counts.Registered == counts.Repositories;
        }, seconds: 240), "the repositories were not all hooked");
        return (browser, c, worker, hooks);
    }

    public static async Task<(bool Discovered, long Repositories, long Registered, long Live)> CountsAsync(ConnectHarness h, Guid connectionId)
    {
        await using var db = Npgsql.NpgsqlDataSource.Create(h.Hub.ConnectionString);
        await using var cmd = db.CreateCommand("""
            SELECT (SELECT discovery_status = 'done' FROM connections WHERE id = $1),
                   (SELECT count(*) FROM repositories WHERE connection_id = $1),
                   (SELECT count(*) FROM hooks WHERE connection_id = $1 AND status = 'registered'),
                   (SELECT count(*) FROM hooks WHERE connection_id = $1 AND status <> 'removed')
            """);
        cmd.Parameters.Add(new() { Value = connectionId });
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        return (!r.IsDBNull(0) && r.GetBoolean(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3));
    }

    private sealed class Recorder(ConcurrentQueue<string> calls) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            calls.Enqueue($"{request.Method} {request.RequestUri?.AbsolutePath}");
            return base.SendAsync(request, cancellationToken);
        }
    }
}
