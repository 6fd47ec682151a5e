using System.Collections.Concurrent;
using IntegrationHub.Data;
using IntegrationHub.ProviderAccess;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.World;

/// <summary>
/// Worker nodes of a <see cref="PlatformApps"/> world, so a disconnect posted through the web host is finished in the
/// background as in production. A node may record the provider calls it makes, in order (method and path, never headers).
/// </summary>
internal static class CleanupWorkers
{
    public static Task<WebApplication> StartAsync(HubWorld world, string nodeId, ConcurrentQueue<string>? calls = null) =>
        world.StartWorkerAsync(nodeId, PlatformApps.HubSettings(world.SimUrl), services =>
        {
            if (calls is not null)
            {
                services.AddHttpClient(ConnectionApis.HttpClientName).AddHttpMessageHandler(() => new Recorder(calls));
            }
        });

    /// <summary>
    /// Connects GitHub on the platform app with <paramref name="repos"/> repositories, starts a worker, and waits until
    /// every repository has its hook.
    /// </summary>
    public static async Task<(HttpClient Browser, Connection Connection, WebApplication Worker, long Hooks)> ConnectHookedAsync(
        HubWorld world, int repos, string nodeId, ConcurrentQueue<string>? calls = null)
    {
        await world.ControlAsync("seed", new { provider = "github", owners = 1, reposPerOwner = repos });
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");
        await world.ConnectPlatformAsync(browser, "github");
        var c = await world.SingleConnectionAsync();
        var worker = await StartAsync(world, nodeId, calls);
        long hooks = 0;
        Assert.True(await HubWorld.EventuallyAsync(async () =>
        {
            var counts = await CountsAsync(world, c.Id);
            hooks = counts.Registered;
            return counts.Discovered && counts.Registered >= repos && counts.Registered == counts.Repositories;
        }, seconds: 240), "the repositories were not all hooked");
        return (browser, c, worker, hooks);
    }

    public static async Task<(bool Discovered, long Repositories, long Registered, long Live)> CountsAsync(HubWorld world, Guid connectionId)
    {
        await using var cmd = world.Db.CreateCommand("""
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
