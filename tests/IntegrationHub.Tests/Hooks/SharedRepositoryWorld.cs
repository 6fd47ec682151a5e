using IntegrationHub.Data;
using IntegrationHub.Providers;
using IntegrationHub.Secrets;
using IntegrationHub.Tests.Admin;
using IntegrationHub.Tests.Connect;
using IntegrationHub.Tests.Infrastructure;
using IntegrationHub.Tests.World;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IntegrationHub.Tests.Hooks;

/// <summary>
/// The simulator, the web host and one worker node on one database, shared by a test class. Each test puts two tenants
/// of its own on one repository of its own (<see cref="OnOneRepositoryAsync"/>), connected to the same provider account
/// with the same personal access token, and the worker registers their hooks as in production. Deliveries go to a port
/// nothing listens on: the tests read what the simulator sent and check it against each tenant's secret.
/// </summary>
public sealed class SharedRepositoryWorld : IAsyncLifetime
{
    private HubWorld? _harness;
    private WebApplication? _worker;
    private NpgsqlDataSource? _db;
    private HttpClient? _admin;

    public static TheoryData<string> Providers =>
        [ProviderSlugs.GitHub, ProviderSlugs.GitLab, ProviderSlugs.BitbucketCloud, ProviderSlugs.BitbucketDataCenter, ProviderSlugs.AzureDevOps];

    internal HubWorld H => _harness!;
    internal NpgsqlDataSource Db => _db!;
    internal ISecretProtector Protector => H.Hub.Services.GetRequiredService<ISecretProtector>();

    public async Task InitializeAsync()
    {
        // Every test signs its tenant A up from the same (test server) address: more than a person would in an hour.
        var settings = new Dictionary<string, string?> { ["Hub:SignUp:PerAddress"] = "1000" };
        _harness = await HubWorld.StartAsync(PlatformApps.Options(o =>
        {
            o.DeliveryRetryDelay = TimeSpan.FromMilliseconds(20);
            o.DeliveryTimeout = TimeSpan.FromSeconds(2);
        }) with { Settings = settings });
        _ = H.Hub.Server; // migrated before the worker starts
        _db = NpgsqlDataSource.Create(H.Hub.ConnectionString);
        _worker = await CleanupWorkers.StartAsync(H, "shared-repository");
    }

    /// <summary>A platform administrator, signed in once for the class.</summary>
    internal async Task<HttpClient> AdminAsync() => _admin ??= await AdminSetup.SignUpAdminAsync(H, "root@shared.test");

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
        var seeded = await H.ControlAsync("seed", new { provider, owners = 1, reposPerOwner = 1, ownerNames = new[] { owner }, users = new[] { login }, organization });
        string simPath = (string)seeded["sample"]![0]!["fullName"]!;
        string token = (string)(await H.ControlAsync("tokens", new { provider, user = login, scopes = Array.Empty<string>() }))["token"]!;

        HttpClient? browser = null;
        Guid tenantA;
        if (signUpA)
        {
            browser = await H.SignedUpAsync($"a-{n}@a.test", "Tenant A " + n);
            tenantA = await ScalarAsync<Guid>("SELECT m.tenant_id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = $1", $"a-{n}@a.test");
        }
        else
        {
            tenantA = await TenantAsync("a-" + n);
        }

        var tenantB = await TenantAsync("b-" + n);
        string baseUrl = H.SimUrl + provider switch
        {
            ProviderSlugs.BitbucketCloud => "/bitbucket",
            ProviderSlugs.AzureDevOps => "/azure-devops/" + organization,
            _ => "/" + provider,
        };
        var a = await ConnectAsync(tenantA, provider, baseUrl, login, token);
        var b = await ConnectAsync(tenantB, provider, baseUrl, login, token);
        Assert.True(await HubWorld.EventuallyAsync(async () => await HookedAsync(a) && await HookedAsync(b), seconds: 120),
            $"{provider}: both tenants' hooks were not registered: " + await ScalarAsync<string>(
                "SELECT coalesce(string_agg(status || ':' || coalesce(last_error, ''), ' | '), 'no hook rows') FROM hooks WHERE connection_id IN ($1, $2)", a, b));
        return new SharedRepository(provider, simPath, browser, await SideAsync(tenantA, a), await SideAsync(tenantB, b));
    }

    /// <summary>Queues a reconciliation of the connection's hooks, as the schedule would.</summary>
    internal Task ReconcileAsync(TenantSide side) =>
        TestJobs.For(H.Hub.ConnectionString).ReconcileHooksAsync(side.ConnectionId, DateTimeOffset.UtcNow, CancellationToken.None);

    /// <summary>Queues hook work for one repository, as the Repositories page does.</summary>
    internal Task HookBatchAsync(Guid connectionId, Guid repositoryId) =>
        TestJobs.For(H.Hub.ConnectionString).HookBatchesAsync(connectionId, [repositoryId], 1, CancellationToken.None);

    internal async Task ExecAsync(string sql, params object[] args)
    {
        await using var cmd = Command(sql, args);
        await cmd.ExecuteNonQueryAsync();
    }

    internal async Task<T> ScalarAsync<T>(string sql, params object[] args)
    {
        await using var cmd = Command(sql, args);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync()
    {
        if (_worker is not null)
        {
            await H.StopWorkerAsync(_worker);
        }

        if (_db is not null)
        {
            await _db.DisposeAsync();
        }

        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }

    private async Task<Guid> TenantAsync(string slug)
    {
        var id = Guid.NewGuid();
        await ExecAsync("INSERT INTO tenants (id, name, slug, created_at) VALUES ($1, $2, $2, now())", id, slug);
        return id;
    }

    /// <summary>Stores a PAT connection as connecting would, and queues its discovery.</summary>
    private async Task<Guid> ConnectAsync(Guid tenant, string provider, string baseUrl, string login, string token)
    {
        var id = Guid.NewGuid();
        await ExecAsync("""
            INSERT INTO connections (id, tenant_id, provider, base_url, display_name, account_id, account_login, status, auth_kind,
                access_token_protected, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $6, 'active', 'pat', $7, now(), now())
            """, id, tenant, provider, baseUrl, provider + " (" + login + ")", login, Protector.Protect(token));
        await TestJobs.For(H.Hub.ConnectionString).DiscoverAsync(id, CancellationToken.None);
        return id;
    }

    private async Task<bool> HookedAsync(Guid connection) =>
        await ScalarAsync<bool>("SELECT coalesce(discovery_status = 'done', false) FROM connections WHERE id = $1", connection)
        && await ScalarAsync<long>("SELECT count(*) FROM hooks WHERE connection_id = $1 AND status = 'registered'", connection) == 1;

    private async Task<TenantSide> SideAsync(Guid tenant, Guid connection)
    {
        await using var cmd = Command("SELECT id, repository_id, url, provider_hook_id FROM hooks WHERE connection_id = $1", connection);
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync());
        return new TenantSide(tenant, connection, r.GetGuid(1), r.GetGuid(0), r.GetString(2), r.GetString(3));
    }

    private NpgsqlCommand Command(string sql, params object[] args)
    {
        var cmd = Db.CreateCommand(sql);
        foreach (object a in args)
        {
            cmd.Parameters.Add(new() { Value = a });
        }

        return cmd;
    }
}
