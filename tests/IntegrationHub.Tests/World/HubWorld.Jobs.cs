using IntegrationHub.Jobs;
using IntegrationHub.Secrets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.World;

/// <summary>Connections with a PAT the simulator issued, and the discovery and hook work a test queues through the hub's <see cref="JobStarter"/>.</summary>
public sealed partial class HubWorld
{
    /// <summary>Seeds repositories and a PAT, and stores a connection of <see cref="TenantId"/> with it (discovery queued as connect would).</summary>
    public Task<(Guid ConnectionId, string Token)> ConnectAsync(WebApplication anyHost, string provider, int owners, int reposPerOwner,
        string basePath, bool enqueue = true, CancellationToken cancellationToken = default) =>
        ConnectAsync(anyHost.Services, provider, owners, reposPerOwner, basePath, enqueue, cancellationToken);

    /// <summary>As above, through any hub host's services (the web host's, <c>Hub.Services</c>, too).</summary>
    public async Task<(Guid ConnectionId, string Token)> ConnectAsync(IServiceProvider hub, string provider, int owners, int reposPerOwner,
        string basePath, bool enqueue = true, CancellationToken cancellationToken = default)
    {
        if (owners * reposPerOwner > 0)
        {
            await ControlAsync("seed", new { provider, owners, reposPerOwner }, cancellationToken);
        }

        string token = (string)(await ControlAsync("tokens", new { provider, scopes = Array.Empty<string>() }, cancellationToken))["token"]!;
        var id = Guid.NewGuid();
        await ExecAsync("""
            INSERT INTO connections (id, tenant_id, provider, base_url, display_name, account_id, account_login, status, auth_kind,
                access_token_protected, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, 'demo', 'active', 'pat', $7, now(), now())
            """, id, TenantId, provider, SimUrl + basePath, provider + " (sim)", Guid.NewGuid().ToString("N"), hub.GetRequiredService<ISecretProtector>().Protect(token));
        if (enqueue)
        {
            await hub.GetRequiredService<JobStarter>().DiscoverAsync(id, cancellationToken);
        }

        return (id, token);
    }

    /// <summary>Queues a discovery of <paramref name="connectionId"/> as connect and refresh do.</summary>
    public Task DiscoverAsync(WebApplication anyHost, Guid connectionId, CancellationToken cancellationToken = default) =>
        anyHost.Services.GetRequiredService<JobStarter>().DiscoverAsync(connectionId, cancellationToken);

    /// <summary>Queues hook work for the given repositories (none given: every one of the connection), in batches as the planner does.</summary>
    public async Task HookBatchesAsync(WebApplication anyHost, Guid connectionId, params Guid[] repositoryIds)
    {
        if (repositoryIds.Length == 0)
        {
            repositoryIds = [.. (await QueryAsync("SELECT id FROM repositories WHERE connection_id = $1 ORDER BY id", connectionId)).Select(Guid.Parse)];
        }

        await anyHost.Services.GetRequiredService<JobStarter>().HookBatchesAsync(connectionId, repositoryIds, 32, CancellationToken.None);
    }

    /// <summary>Waits until discovery of the connection is done and <paramref name="expected"/> of its hooks are registered.</summary>
    public Task<bool> HooksSettledAsync(Guid connectionId, long expected, int seconds = 90) => EventuallyAsync(async () =>
        await ScalarAsync<string>("SELECT discovery_status FROM connections WHERE id = $1", connectionId) == "done"
        && await ScalarAsync<long>("SELECT count(*) FROM hooks WHERE connection_id = $1 AND status = 'registered'", connectionId) == expected, seconds);
}
