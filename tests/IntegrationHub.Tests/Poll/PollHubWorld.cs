using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.HookRegistration;
using IntegrationHub.Hosting;
using IntegrationHub.Providers;
using IntegrationHub.Providers.Api;
using IntegrationHub.Secrets;
using IntegrationHub.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Tests.Poll;

/// <summary>
/// The end-to-end shape: a <see cref="PollWorld"/> (simulator, database, seeding) plus a hub web host with the worker
/// inside, on a real Kestrel port, so the simulator delivers webhooks to it while its poll process runs on a short interval.
/// Hooks at the simulator point at the hub and carry the hub's own secrets.
/// </summary>
internal sealed class PollHubWorld : IAsyncDisposable
{
    public const int IntervalSeconds = 4;

    private readonly WebApplication _hub;

    private PollHubWorld(PollWorld world, WebApplication hub, string hubUrl)
    {
        World = world;
        _hub = hub;
        HubUrl = hubUrl;
    }

    public PollWorld World { get; }
    public string HubUrl { get; }

    public static async Task<PollHubWorld> StartAsync()
    {
        var world = await PollWorld.StartAsync();
        // Named after the web host's assembly, so its static web assets manifest is found.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = "IntegrationHub.Web" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Hub"] = world.ConnectionString,
            ["Hub:Worker:NodeId"] = "poll-e2e-" + Guid.NewGuid().ToString("n")[..6],
            ["Hub:Poll:IntervalSeconds"] = IntervalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Hub:Poll:JobSeconds"] = "1",
            ["Hub:Ingest:JobSeconds"] = "1",
            ["Hub:Hooks:ReconcileMinutes"] = "0",
            ["Hub:Security:AllowedPrivateHosts:0"] = new Uri(world.SimUrl).Authority, // the simulator listens on loopback
            ["urls"] = "http://127.0.0.1:0",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddHubWeb();
        builder.AddHubWorker();
        var hub = builder.Build();
        await hub.MigrateHubAsync();
        hub.MapHubWeb();
        await hub.StartAsync();
        string hubUrl = hub.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return new PollHubWorld(world, hub, hubUrl);
    }

    /// <summary>A repository and a connection (via <see cref="PollWorld"/>), then a second hook that really points at the hub, with its secret.</summary>
    public async Task<SimRepo> AddRepositoryAsync(string provider, string name)
    {
        SimRepo seeded = await World.AddRepositoryAsync(provider, name);
        string token = (await World.QueryAsync("SELECT access_token_protected FROM connections WHERE id = $1", r => r.GetString(0), seeded.ConnectionId)).Single();
        string baseUrl = (await World.QueryAsync("SELECT base_url FROM connections WHERE id = $1", r => r.GetString(0), seeded.ConnectionId)).Single();
        var (externalId, path, project) = (await World.QueryAsync("SELECT external_id, full_path, project_id FROM repositories WHERE id = $1",
            r => (r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2)), seeded.RepositoryId)).Single();
        // PollWorld's hook goes to a closed port: replace it, at the simulator and in the hub, by one pointing at the hub.
        string oldHookId = (await World.QueryAsync("SELECT provider_hook_id FROM hooks WHERE id = $1", r => r.GetString(0), seeded.HookId)).Single();
        await World.ExecAsync("DELETE FROM hooks WHERE id = $1", seeded.HookId);
        var protector = _hub.Services.GetRequiredService<ISecretProtector>();
        var hookId = Guid.NewGuid();
        string secret = SecretGenerator.New();
        string? basicUser = seeded.Kind == ProviderKind.AzureDevOps ? HookUrls.BasicUsername(hookId) : null;
        string url = $"{HubUrl}/hooks/{provider}/{hookId}";
        var api = ProviderCatalog.For(seeded.Kind).CreateApi(new HttpClient(), new ProviderConnectionInfo(new Uri(baseUrl), protector.Unprotect(token)), TimeProvider.System);
        var repoRef = new RepositoryRef(externalId, path, project);
        await api.Hooks.DeleteAsync(repoRef, oldHookId, CancellationToken.None);
        IReadOnlyList<string> events = seeded.Kind == ProviderKind.AzureDevOps
            ? [.. ProviderCatalog.For(seeded.Kind).Descriptor.DefaultHookEvents, "build.complete"]
            : ProviderCatalog.For(seeded.Kind).Descriptor.DefaultHookEvents;
        ProviderHook hook = await api.Hooks.CreateAsync(repoRef, new HookSpec(new Uri(url), secret, events, BasicAuthUsername: basicUser),
            CancellationToken.None);
        await World.ExecAsync("""
            INSERT INTO hooks (id, tenant_id, connection_id, repository_id, provider, provider_hook_id, url, secret_protected, basic_username, status, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'registered', now(), now())
            """, hookId, World.TenantId, seeded.ConnectionId, seeded.RepositoryId, provider, hook.Id, url, protector.Protect(secret), (object?)basicUser ?? DBNull.Value);
        return seeded with { HookId = hookId };
    }

    /// <summary>The simulator's deliveries to the hub's hooks (not the closed-port ones), with bodies.</summary>
    public async Task<List<JsonNode>> DeliveriesToHubAsync(string provider)
    {
        var all = await World.Sim.GetFromJsonAsync<JsonArray>($"/_sim/deliveries?provider={provider}&body=true");
        var hubHooks = (await World.Sim.GetFromJsonAsync<JsonArray>($"/_sim/hooks?provider={provider}"))!
            .Where(h => ((string?)h!["url"] ?? h!.ToJsonString()).Contains(HubUrl, StringComparison.Ordinal))
            .Select(h => h!["id"]!.ToJsonString().Trim('"')).ToHashSet();
        return [.. all!.OfType<JsonNode>().Where(d => hubHooks.Contains(d["hookId"]!.ToJsonString().Trim('"')))];
    }

    /// <summary>Waits (up to <paramref name="seconds"/>) until every repository has a poll that started after <paramref name="after"/>.</summary>
    public async Task WaitForPollsAfterAsync(DateTimeOffset after, int repositories, int seconds = 60)
    {
        for (var deadline = DateTimeOffset.UtcNow.AddSeconds(seconds); DateTimeOffset.UtcNow < deadline;)
        {
            var done = await World.QueryAsync("SELECT count(*) FROM poll_state WHERE last_polled_at > $1", r => r.GetInt64(0), after);
            if (done.Single() >= repositories)
            {
                return;
            }

            await Task.Delay(250);
        }
    }

    public async Task<DateTimeOffset> DbNowAsync() => (await World.QueryAsync("SELECT clock_timestamp()", r => r.GetFieldValue<DateTimeOffset>(0))).Single();

    public async ValueTask DisposeAsync()
    {
        await _hub.StopAsync();
        await _hub.DisposeAsync();
        await World.DisposeAsync();
    }
}
