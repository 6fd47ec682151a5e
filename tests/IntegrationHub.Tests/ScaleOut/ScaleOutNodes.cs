using System.Text.Json.Nodes;
using IntegrationHub.Jobs;
using IntegrationHub.Secrets;
using IntegrationHub.Tests.World;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.ScaleOut;

/// <summary>
/// Worker nodes as operators run them: the built IntegrationHub.Worker, one process each, on the database and Hangfire
/// storage of a <see cref="HubWorld"/> it owns, against the world's simulator. The world's web host stands for the web
/// host: it seals tokens with the same key ring (one key-encryption key for it and every node) and enqueues jobs through
/// Hangfire's client, as connect does.
/// </summary>
internal sealed class ScaleOutNodes : IAsyncDisposable
{
    private const string Schema = "hangfire";

    private readonly Dictionary<string, WorkerProcess> _nodes = [];
    private readonly Dictionary<string, string?> _settings;
    private readonly string _keyEncryptionKey;

    private ScaleOutNodes(HubWorld world, Dictionary<string, string?> settings, string keyEncryptionKey)
    {
        World = world;
        _settings = settings;
        _keyEncryptionKey = keyEncryptionKey;
    }

    public HubWorld World { get; }

    public IReadOnlyDictionary<string, WorkerProcess> Nodes => _nodes;

    /// <summary><paramref name="settings"/> apply to every node (environment spelling: Hub__Poll__Enabled).</summary>
    public static async Task<ScaleOutNodes> StartAsync(Dictionary<string, string?> settings)
    {
        // The key ring in the database is sealed with this key, by the web host and every node alike.
        string keyEncryptionKey = KeyEncryptionKey.NewBase64();
        var world = await HubWorld.StartAsync(HubWorldOptions.Workers with
        {
            WebHost = true,
            Settings = new Dictionary<string, string?> { ["Hub:KeyRing:Key"] = keyEncryptionKey },
        });
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

        return new ScaleOutNodes(world, all, keyEncryptionKey);
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
        var (id, _) = await World.ConnectAsync(World.Hub.Services, "github", owners, reposPerOwner, "/github", enqueue: false);
        await World.Hub.Services.GetRequiredService<JobStarter>().DiscoverAsync(id, CancellationToken.None);
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

        await World.DisposeAsync();
    }
}
