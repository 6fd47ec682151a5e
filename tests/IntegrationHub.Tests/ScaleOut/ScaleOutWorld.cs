using System.Text.Json.Nodes;
using IntegrationHub.Hosting;
using IntegrationHub.Jobs;
using IntegrationHub.Secrets;
using IntegrationHub.Tests.Foundation;
using IntegrationHub.Tests.World;
using IntegrationHub.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Tests.ScaleOut;

/// <summary>
/// Worker nodes as operators run them: the built IntegrationHub.Worker, one process each, on one database and one
/// Hangfire storage, against the simulator (a <see cref="HubWorld"/>). A host without a worker stands for the web
/// host: it seals tokens with the same key ring and enqueues jobs through Hangfire's client, as connect does.
/// </summary>
internal sealed class ScaleOutWorld : IAsyncDisposable
{
    private const string Schema = "hangfire";

    private readonly Dictionary<string, WorkerProcess> _nodes = [];
    private readonly Dictionary<string, string?> _settings;
    private readonly string _keyEncryptionKey;

    private ScaleOutWorld(HubWorld world, WebApplication client, Dictionary<string, string?> settings, string keyEncryptionKey)
    {
        World = world;
        Client = client;
        _settings = settings;
        _keyEncryptionKey = keyEncryptionKey;
    }

    public HubWorld World { get; }

    /// <summary>The web host's part: the key ring and the Hangfire client, no server.</summary>
    public WebApplication Client { get; }

    public IReadOnlyDictionary<string, WorkerProcess> Nodes => _nodes;

    /// <summary><paramref name="settings"/> apply to every node (environment spelling: Hub__Poll__Enabled).</summary>
    public static async Task<ScaleOutWorld> StartAsync(Dictionary<string, string?> settings)
    {
        var world = await HubWorld.StartAsync(HubWorldOptions.Workers);
        var all = new Dictionary<string, string?>
        {
            ["Hub__PublicBaseUrl"] = world.PublicBaseUrl, // a closed port: deliveries go nowhere, as in HubWorldOptions.Workers
            ["Hub__Security__AllowedPrivateHosts__0"] = new Uri(world.SimUrl).Authority,
            ["Hub__Hooks__ReconcileMinutes"] = "0",
            // A killed node's job comes back after this; living nodes keep theirs (the timeout slides with their heartbeat).
            ["Hub__Jobs__InvisibilitySeconds"] = "10",
            ["Hub__Worker__HeartbeatSeconds"] = "2",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        // One key-encryption key for every node and the client: the key ring in the database is sealed with it.
        string keyEncryptionKey = KeyEncryptionKey.NewBase64();
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Hub"] = world.ConnectionString,
            ["Hub:KeyRing:Key"] = keyEncryptionKey,
            ["Hub:Security:AllowedPrivateHosts:0"] = new Uri(world.SimUrl).Authority,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddHubCore();
        return new ScaleOutWorld(world, builder.Build(), all, keyEncryptionKey);
    }

    /// <summary>Starts a worker process named <paramref name="nodeId"/> and waits for its ready line (its Hangfire server runs).</summary>
    public async Task<WorkerProcess> StartNodeAsync(string nodeId)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Hub__Worker__NodeId"] = nodeId,
            ["Hub__KeyRing__Key"] = _keyEncryptionKey,
        };
        foreach (var (key, value) in _settings)
        {
            env[key] = value ?? "";
        }

        var node = WorkerProcess.Start(World.ConnectionString, env);
        _nodes[nodeId] = node;
        Assert.True(await node.WaitForReadyAsync(), $"{nodeId} did not start; output:\n{node.Output}");
        return node;
    }

    /// <summary>Seeds repositories at the simulator and stores a GitHub connection, then enqueues its discovery as connect does.</summary>
    public async Task<Guid> ConnectAndDiscoverAsync(int owners, int reposPerOwner)
    {
        var (id, _) = await World.ConnectAsync(Client, "github", owners, reposPerOwner, "/github", enqueue: false);
        await Client.Services.GetRequiredService<JobStarter>().DiscoverAsync(id, CancellationToken.None);
        return id;
    }

    /// <summary>
    /// The node whose Hangfire worker is performing a job of <typeparamref name="TJob"/> now (its Processing state names the
    /// server, and servers are named after their node), or null.
    /// </summary>
    public async Task<string?> HolderOfAsync<TJob>()
    {
        string? data = await World.ScalarAsync<string?>($"""
            SELECT s.data::text FROM {Schema}.job j JOIN {Schema}.state s ON s.id = j.stateid
            WHERE j.statename = 'Processing' AND j.invocationdata::text LIKE $1 ORDER BY j.id LIMIT 1
            """, $"%{typeof(TJob).FullName}%");
        string? server = data is null ? null : (string?)JsonNode.Parse(data)?["ServerId"];
        return server is null ? null : _nodes.Keys.FirstOrDefault(n => server.StartsWith(n + ":", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary><c>kill -9</c> of one node; the others are left to find its work.</summary>
    public async Task KillAsync(string nodeId)
    {
        await _nodes[nodeId].KillAsync();
    }

    /// <summary>Every node's output, for a failure message.</summary>
    public string Output() => string.Join("\n", _nodes.Select(n => $"---- {n.Key}\n{n.Value.Output}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes.Values)
        {
            await node.DisposeAsync();
        }

        await Client.DisposeAsync();
        await World.DisposeAsync();
    }
}
