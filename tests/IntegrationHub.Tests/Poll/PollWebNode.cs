using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.HookRegistration;
using IntegrationHub.Providers;
using IntegrationHub.Providers.Api;
using IntegrationHub.Secrets;
using IntegrationHub.Tests.World;
using IntegrationHub.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Poll;

/// <summary>
/// The end-to-end shape on a <see cref="HubWorld"/>: a web node (web host with the worker inside, on a real port) so
/// the simulator delivers webhooks to it while its poll process runs on a short interval. Hooks at the simulator point
/// at the hub and carry the hub's own secrets.
/// </summary>
internal sealed class PollWebNode
{
    public const int IntervalSeconds = 4;

    private readonly HubWorld _world;
    private readonly WebNode _node;

    private PollWebNode(HubWorld world, WebNode node)
    {
        _world = world;
        _node = node;
        HubUrl = node.Url;
        Seed = new PollSim(world, node.Services);
    }

    public string HubUrl { get; }

    /// <summary>Seeding through this node's services (its key ring seals the tokens).</summary>
    public PollSim Seed { get; }

    /// <summary>The world needs the simulator and a tenant; the node is the hub (no TestServer host).</summary>
    public static HubWorldOptions Options => PollSim.Options() with { WebHost = false };

    /// <summary>Starts the node (stopped with the world): poll and ingest every second, each repository every <see cref="IntervalSeconds"/>.</summary>
    public static async Task<PollWebNode> StartAsync(HubWorld world) => new(world, await world.StartWebNodeAsync(
        "poll-e2e-" + Guid.NewGuid().ToString("n")[..6], new()
        {
            ["Hub:Poll:Enabled"] = "true",
            ["Hub:Poll:IntervalSeconds"] = IntervalSeconds.ToString(CultureInfo.InvariantCulture),
            ["Hub:Poll:JobSeconds"] = "1",
            ["Hub:Ingest:JobSeconds"] = "1",
        }));

    /// <summary>A repository and a connection (via <see cref="PollSim"/>), then a second hook that really points at the hub, with its secret.</summary>
    public async Task<SimRepo> AddRepositoryAsync(string provider, string name)
    {
        SimRepo seeded = await Seed.AddRepositoryAsync(provider, name);
        string token = (await _world.QueryAsync("SELECT access_token_protected FROM connections WHERE id = $1", r => r.GetString(0), seeded.ConnectionId)).Single();
        string baseUrl = (await _world.QueryAsync("SELECT base_url FROM connections WHERE id = $1", r => r.GetString(0), seeded.ConnectionId)).Single();
        var (externalId, path, project) = (await _world.QueryAsync("SELECT external_id, full_path, project_id FROM repositories WHERE id = $1",
            r => (r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2)), seeded.RepositoryId)).Single();
        // PollSim's hook goes to a closed port: replace it, at the simulator and in the hub, by one pointing at the hub.
        string oldHookId = (await _world.QueryAsync("SELECT provider_hook_id FROM hooks WHERE id = $1", r => r.GetString(0), seeded.HookId)).Single();
        await _world.ExecAsync("DELETE FROM hooks WHERE id = $1", seeded.HookId);
        var protector = _node.Services.GetRequiredService<ISecretProtector>();
        var hookId = Guid.NewGuid();
        string secret = SecretGenerator.New();
        string? basicUser = seeded.Kind == ProviderKind.AzureDevOps ? HookUrls.BasicUsername(hookId) : null;
        string url = $"{HubUrl}/hooks/{provider}/{hookId}";
        var api = PollSim.Api(seeded.Kind, baseUrl, protector.Unprotect(token));
        var repoRef = new RepositoryRef(externalId, path, project);
        await api.Hooks.DeleteAsync(repoRef, oldHookId, CancellationToken.None);
        ProviderHook hook = await api.Hooks.CreateAsync(repoRef, new HookSpec(new Uri(url), secret, PollSim.HookEvents(seeded.Kind), BasicAuthUsername: basicUser),
            CancellationToken.None);
        await _world.ExecAsync("""
            INSERT INTO hooks (id, tenant_id, connection_id, repository_id, provider, provider_hook_id, url, secret_protected, basic_username, status, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'registered', now(), now())
            """, hookId, _world.TenantId, seeded.ConnectionId, seeded.RepositoryId, provider, hook.Id, url, protector.Protect(secret), (object?)basicUser ?? DBNull.Value);
        return seeded with { HookId = hookId };
    }

    /// <summary>The simulator's deliveries to the hub's hooks (not the closed-port ones), with bodies.</summary>
    public async Task<List<JsonNode>> DeliveriesToHubAsync(string provider)
    {
        var all = await _world.Sim.GetFromJsonAsync<JsonArray>($"/_sim/deliveries?provider={provider}&body=true");
        var hubHooks = (await _world.SimHooksAsync(provider))
            .Where(h => ((string?)h!["url"] ?? h!.ToJsonString()).Contains(HubUrl, StringComparison.Ordinal))
            .Select(h => h!["id"]!.ToJsonString().Trim('"')).ToHashSet();
        return [.. all!.OfType<JsonNode>().Where(d => hubHooks.Contains(d["hookId"]!.ToJsonString().Trim('"')))];
    }

    /// <summary>Waits (up to <paramref name="seconds"/>) until every repository has a poll that started after <paramref name="after"/>.</summary>
    /// <remarks>No assertion here: what the test checks afterwards says whether the polls it needed happened.</remarks>
    public Task WaitForPollsAfterAsync(DateTimeOffset after, int repositories, int seconds = 60) => HubWorld.EventuallyAsync(async () =>
        (await _world.QueryAsync("SELECT count(*) FROM poll_state WHERE last_polled_at > $1", r => r.GetInt64(0), after)).Single() >= repositories, seconds);

    public Task<DateTimeOffset> DbNowAsync() => _world.ValueAsync<DateTimeOffset>("SELECT clock_timestamp()");
}
