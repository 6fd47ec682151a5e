using IntegrationHub.Jobs;
using IntegrationHub.Providers;
using IntegrationHub.Secrets;
using IntegrationHub.Tests.World;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Hooks;

/// <summary>
/// A <see cref="HubWorld"/> (simulator, web host) with one worker node, shared by a test class. Each test puts two tenants
/// of its own on one repository of its own (<see cref="OnOneRepositoryAsync"/>), connected to the same provider account
/// with the same personal access token, and the worker registers their hooks as in production. Deliveries go to the
/// world's closed public port: the tests read what the simulator sent and check it against each tenant's secret.
/// </summary>
public sealed class SharedRepositoryFixture : IAsyncLifetime
{
    private WebApplication? _worker;
    private HttpClient? _admin;

    public static TheoryData<string> Providers =>
        [ProviderSlugs.GitHub, ProviderSlugs.GitLab, ProviderSlugs.BitbucketCloud, ProviderSlugs.BitbucketDataCenter, ProviderSlugs.AzureDevOps];

    public HubWorld World { get; private set; } = null!;

    internal ISecretProtector Protector => World.Hub.Services.GetRequiredService<ISecretProtector>();

    private JobStarter Jobs => _worker!.Services.GetRequiredService<JobStarter>();

    public async Task InitializeAsync()
    {
        var options = HubWorldOptions.Workers with { WebHost = true, Tenant = null };
        options.Settings["Hub:PublicBaseUrl"] = options.PublicBaseUrl; // the worker's hook URLs, so the web host knows them as ours
        World = await HubWorld.StartAsync(options); // the web host migrates the database before the worker starts
        _worker = await World.StartWorkerAsync("shared-repository");
    }

    public async Task DisposeAsync() => await World.DisposeAsync();

    /// <summary>A platform administrator, signed in once for the class.</summary>
    internal async Task<HttpClient> AdminAsync() => _admin ??= await World.SignedUpAdminAsync("root@shared.test");

    /// <summary>
    /// Seeds one repository at <paramref name="provider"/> (for Azure DevOps in an organization of its own), visible to one
    /// account with one PAT; connects tenant A (signed up through the web when the test needs its browser) and tenant B
    /// with that PAT and waits until both have their hook on it.
    /// </summary>
    internal async Task<SharedRepository> OnOneRepositoryAsync(string provider, bool signUpA = false)
    {
        string n = Guid.NewGuid().ToString("N")[..10];
        string login = "shared-" + n;
        string owner = provider == ProviderSlugs.BitbucketDataCenter ? "P" + n.ToUpperInvariant() : "team-" + n;
        string? organization = provider == ProviderSlugs.AzureDevOps ? "org-" + n : null;
        var seeded = await World.ControlAsync("seed", new { provider, owners = 1, reposPerOwner = 1, ownerNames = new[] { owner }, users = new[] { login }, organization });
        string simPath = (string)seeded["sample"]![0]!["fullName"]!;
        string token = (string)(await World.ControlAsync("tokens", new { provider, user = login, scopes = Array.Empty<string>() }))["token"]!;

        HttpClient? browser = null;
        Guid tenantA;
        if (signUpA)
        {
            browser = await World.SignedUpAsync($"a-{n}@a.test", "Tenant A " + n);
            tenantA = await World.ScalarAsync<Guid>("SELECT m.tenant_id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = $1", $"a-{n}@a.test");
        }
        else
        {
            tenantA = await World.TenantAsync("a-" + n);
        }

        var tenantB = await World.TenantAsync("b-" + n);
        string baseUrl = World.SimUrl + provider switch
        {
            ProviderSlugs.BitbucketCloud => "/bitbucket",
            ProviderSlugs.AzureDevOps => "/azure-devops/" + organization,
            _ => "/" + provider,
        };
        var a = await ConnectAsync(tenantA, provider, baseUrl, login, token);
        var b = await ConnectAsync(tenantB, provider, baseUrl, login, token);
        Assert.True(await HubWorld.EventuallyAsync(async () => await HookedAsync(a) && await HookedAsync(b), seconds: 120),
            $"{provider}: both tenants' hooks were not registered: " + await World.ScalarAsync<string>(
                "SELECT coalesce(string_agg(status || ':' || coalesce(last_error, ''), ' | '), 'no hook rows') FROM hooks WHERE connection_id IN ($1, $2)", a, b));
        return new SharedRepository(provider, simPath, browser, await SideAsync(tenantA, a), await SideAsync(tenantB, b));
    }

    /// <summary>Queues a reconciliation of the connection's hooks, as the schedule would.</summary>
    internal Task ReconcileAsync(TenantSide side) => Jobs.ReconcileHooksAsync(side.ConnectionId, DateTimeOffset.UtcNow, CancellationToken.None);

    /// <summary>Queues hook work for one repository, as the Repositories page does.</summary>
    internal Task HookBatchAsync(Guid connectionId, Guid repositoryId) => Jobs.HookBatchesAsync(connectionId, [repositoryId], 1, CancellationToken.None);

    /// <summary>Stores a PAT connection of the shared account as connecting would, and queues its discovery.</summary>
    private async Task<Guid> ConnectAsync(Guid tenant, string provider, string baseUrl, string login, string token)
    {
        var id = Guid.NewGuid();
        await World.ExecAsync("""
            INSERT INTO connections (id, tenant_id, provider, base_url, display_name, account_id, account_login, status, auth_kind,
                access_token_protected, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $6, 'active', 'pat', $7, now(), now())
            """, id, tenant, provider, baseUrl, provider + " (" + login + ")", login, Protector.Protect(token));
        await Jobs.DiscoverAsync(id, CancellationToken.None);
        return id;
    }

    private async Task<bool> HookedAsync(Guid connection) =>
        await World.ScalarAsync<bool>("SELECT coalesce(discovery_status = 'done', false) FROM connections WHERE id = $1", connection)
        && await World.ScalarAsync<long>("SELECT count(*) FROM hooks WHERE connection_id = $1 AND status = 'registered'", connection) == 1;

    private async Task<TenantSide> SideAsync(Guid tenant, Guid connection)
    {
        await using var cmd = World.Db.CreateCommand("SELECT id, repository_id, url, provider_hook_id FROM hooks WHERE connection_id = $1");
        cmd.Parameters.Add(new() { Value = connection });
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync());
        return new TenantSide(tenant, connection, r.GetGuid(1), r.GetGuid(0), r.GetString(2), r.GetString(3));
    }
}
