using System.Text.Json.Nodes;
using IntegrationHub.Poll;
using IntegrationHub.Providers;
using IntegrationHub.Providers.Api;
using IntegrationHub.Secrets;
using IntegrationHub.Tests.World;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Poll;

/// <summary>
/// What the poll tests seed on a <see cref="HubWorld"/> with the simulator: a repository at the simulator with a
/// connection (a PAT it issued) and the repository row in the hub, and a hook there; then poll cycles the test drives
/// through the hub's own scheduler and runner (no Hangfire server runs them). <paramref name="hub"/>: the services of
/// the hub host that seals tokens (the world's web host unless given).
/// </summary>
internal sealed class PollSim(HubWorld world, IServiceProvider? hub = null)
{
    /// <summary>The world the poll tests need: simulator, web host (its services drive cycles), a tenant of the poll's.</summary>
    /// <remarks>
    /// Tests make repositories due themselves (<see cref="MakeDueAsync"/>). A short interval let a cycle that ran long under
    /// CI load find a repository due again and poll it twice in one cycle. No hot window after a GitHub change probe moved:
    /// each cycle of a test's script is probed again, so the probe must see what the script changed.
    /// </remarks>
    public static HubWorldOptions Options(Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?> { ["Hub:Poll:IntervalSeconds"] = "30", ["Hub:Poll:HotSeconds"] = "0" };
        foreach ((string key, string? value) in settings ?? [])
        {
            all[key] = value; // a test's own wins
        }

        return new() { Simulator = true, Tenant = "Poll", Settings = all };
    }

    public IServiceProvider Services => hub ?? world.Hub.Services;

    /// <summary>A repository at the simulator, a connection with a PAT and the repository row in the hub, and a hook at the simulator.</summary>
    /// <remarks>The hook's deliveries go to a closed port: tests of the poll alone drop them anyway.</remarks>
    public async Task<SimRepo> AddRepositoryAsync(string provider, string name) => (await AddRepositoriesAsync(provider, name)).Single();

    /// <summary>As <see cref="AddRepositoryAsync"/> for several repositories of one connection (one token sees them all).</summary>
    public async Task<IReadOnlyList<SimRepo>> AddRepositoriesAsync(string provider, params string[] names)
    {
        JsonNode token = await world.ControlAsync("tokens", new { provider, scopes = Array.Empty<string>() });
        string user = (string)token["user"]!;
        (string owner, string? project) = HubWorld.SimOwnerOf(provider);
        var connectionId = Guid.NewGuid();
        string protectedToken = Services.GetRequiredService<ISecretProtector>().Protect((string)token["token"]!);
        var added = new List<SimRepo>();
        foreach (string name in names)
        {
            JsonNode repo = await world.ControlAsync("repos", new { provider, owner, project, name, user, visibleTo = new[] { user } });
            string fullName = (string)repo["fullName"]!;
            var (externalId, hubPath, baseUrl) = world.HubAddressOf(provider, repo, owner, project, name);
            if (added.Count == 0)
            {
                await world.ExecAsync("""
                    INSERT INTO connections (id, tenant_id, provider, base_url, display_name, account_id, account_login, status, auth_kind, access_token_protected, created_at, updated_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, 'active', 'pat', $8, now(), now())
                    """, connectionId, world.TenantId, provider, baseUrl, provider + " test", $"{user}:{name}", user, protectedToken);
            }

            var repositoryId = Guid.NewGuid();
            await world.ExecAsync("""
                INSERT INTO repositories (id, tenant_id, connection_id, external_id, full_path, default_branch, project_id, first_seen_at, last_seen_at)
                VALUES ($1, $2, $3, $4, $5, 'main', $6, now() - interval '1 minute', now())
                """, repositoryId, world.TenantId, connectionId, externalId, hubPath, (object?)project ?? DBNull.Value);
            ProviderSlugs.TryParse(provider, out ProviderKind kind);
            var api = Api(kind, baseUrl, (string)token["token"]!);
            ProviderHook hook = await api.Hooks.CreateAsync(new RepositoryRef(externalId, hubPath, project),
                new HookSpec(new Uri("http://127.0.0.1:9/hooks"), "poll-secret-0123456789", HookEvents(kind), BasicAuthUsername: "hub"), CancellationToken.None);
            var hookId = Guid.NewGuid();
            await world.ExecAsync("""
                INSERT INTO hooks (id, tenant_id, connection_id, repository_id, provider, provider_hook_id, url, secret_protected, status, created_at, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, 'http://127.0.0.1:9/hooks', 'x', 'registered', now(), now())
                """, hookId, world.TenantId, connectionId, repositoryId, provider, hook.Id);
            added.Add(new SimRepo(provider, kind, fullName, repositoryId, connectionId, hookId));
        }

        return added;
    }

    /// <summary>The provider's API client as the hub builds it, on the simulator, with <paramref name="token"/>.</summary>
    public static IProviderApi Api(ProviderKind kind, string baseUrl, string token) =>
        ProviderCatalog.For(kind).CreateApi(new HttpClient(), new ProviderConnectionInfo(new Uri(baseUrl), token), TimeProvider.System);

    /// <summary>The hub's hook events; on Azure also build.complete, so the script's builds are delivered (and dropped) too.</summary>
    public static IReadOnlyList<string> HookEvents(ProviderKind kind) =>
        kind == ProviderKind.AzureDevOps ? [.. ProviderCatalog.For(kind).Descriptor.DefaultHookEvents, "build.complete"] : ProviderCatalog.For(kind).Descriptor.DefaultHookEvents;

    /// <summary>One poll cycle after an interval has passed: every repository is due.</summary>
    public async Task<IReadOnlyList<(Guid RepositoryId, string Outcome)>> CycleAsync(string node = "node-a")
    {
        await Services.GetRequiredService<PollScheduler>().SyncAsync(CancellationToken.None);
        await MakeDueAsync();
        return await Services.GetRequiredService<PollRunner>().RunCycleAsync(node, CancellationToken.None);
    }

    /// <summary>Makes every repository due now, as if the interval had passed.</summary>
    public Task MakeDueAsync() => world.ExecAsync("UPDATE poll_state SET next_poll_at = now() - interval '1 second'");
}
