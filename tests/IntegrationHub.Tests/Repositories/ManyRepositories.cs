using IntegrationHub.Data;
using IntegrationHub.Repositories;
using IntegrationHub.Tests.World;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Repositories;

/// <summary>
/// N repositories on one connection, seeded in three INSERT ... SELECT generate_series statements by rules on n (the
/// repository's number, its external id): watched unless n % 10 = 0; a hook registered (delivered n seconds ago), failed,
/// disabled or pending for n % 5 = 1..4 (no hook row for n % 5 = 0); a poll row unless n % 13 = 0, failing for n % 7 = 1,
/// ten minutes late for n % 7 = 2. The expected states below follow from the same rules in C#, not from the hub's query.
/// </summary>
internal sealed class ManyRepositories(HubWorld world, Guid tenant, Guid connection, int count)
{
    public Guid Tenant => tenant;

    public Guid Connection => connection;

    public IEnumerable<int> Numbers => Enumerable.Range(1, count);

    public static async Task<ManyRepositories> SeedAsync(HubWorld w, Guid tenant, int count)
    {
        var connection = await w.ConnectionAsync(tenant);
        await w.ExecAsync("""
            INSERT INTO repositories (id, tenant_id, connection_id, external_id, full_path, html_url, watched, first_seen_at, last_seen_at)
            SELECT gen_random_uuid(), $1, $2, n::text, 'org/repo-' || lpad(n::text, 5, '0'), 'https://git.example.test/org/repo-' || lpad(n::text, 5, '0'),
                   n % 10 <> 0, now(), now()
            FROM generate_series(1, $3) n
            """, tenant, connection, count);
        await w.ExecAsync("""
            INSERT INTO hooks (id, tenant_id, connection_id, repository_id, provider, url, secret_protected, status, last_error, last_delivery_at, created_at, updated_at)
            SELECT gen_random_uuid(), r.tenant_id, r.connection_id, r.id, 'github', 'https://hub.example.test/hooks/github/' || r.id, 'CIPHERTEXT-HOOK',
                   (ARRAY['registered', 'failed', 'disabled', 'pending'])[x.n % 5], CASE WHEN x.n % 5 = 2 THEN 'github: 403 Must have admin rights' END,
                   CASE WHEN x.n % 5 = 1 THEN now() - x.n * interval '1 second' END, now(), now()
            FROM repositories r CROSS JOIN LATERAL (SELECT r.external_id::int AS n) x
            WHERE r.connection_id = $1 AND r.watched AND x.n % 5 <> 0
            """, connection);
        await w.ExecAsync("""
            INSERT INTO poll_state (repository_id, tenant_id, connection_id, next_poll_at, last_polled_at, last_outcome, last_error, consecutive_failures)
            SELECT r.id, r.tenant_id, r.connection_id,
                   CASE WHEN x.n % 7 = 2 THEN now() - interval '10 minutes' ELSE now() + interval '30 seconds' END,
                   now() - x.n * interval '1 second', CASE WHEN x.n % 7 = 1 THEN 'error' ELSE 'ok' END,
                   CASE WHEN x.n % 7 = 1 THEN 'HTTP 500' END, CASE WHEN x.n % 7 = 1 THEN 2 ELSE 0 END
            FROM repositories r CROSS JOIN LATERAL (SELECT r.external_id::int AS n) x
            WHERE r.connection_id = $1 AND r.watched AND x.n % 13 <> 0
            """, connection);
        return new ManyRepositories(w, tenant, connection, count);
    }

    public static string Path(int n) => $"org/repo-{n:D5}";

    public static bool Watched(int n) => n % 10 != 0;

    public static string HookState(int n) => !Watched(n) ? RepositoryHookStates.None : (n % 5) switch
    {
        1 => RepositoryHookStates.Registered,
        2 => RepositoryHookStates.Failed,
        3 => RepositoryHookStates.Disabled,
        _ => RepositoryHookStates.Pending, // 4: a pending hook row; 0: watched, no hook row yet
    };

    public static string PollState(int n) => !Watched(n) ? RepositoryPollStates.Off
        : n % 13 == 0 ? RepositoryPollStates.Behind
        : n % 7 == 1 ? RepositoryPollStates.Error
        : n % 7 == 2 ? RepositoryPollStates.Behind
        : RepositoryPollStates.Ok;

    /// <summary>A repository's id by its number.</summary>
    public async Task<Guid> IdAsync(int n) =>
        await world.ValueAsync<Guid>("SELECT id FROM repositories WHERE connection_id = $1 AND external_id = $2", connection, n.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>One page from the hub's query, as the tenant's signed-in user would get it.</summary>
    public Task<RepositoryListPage> ListAsync(RepositoryFilter? filter = null, RepositorySort sort = RepositorySort.Name, bool descending = false,
        int skip = 0, int take = 50) =>
        InTenantAsync(world, tenant, sp => sp.GetRequiredService<RepositoryQuery>()
            .ListAsync(new RepositoryListRequest(connection, filter, sort, descending, skip, take), CancellationToken.None));

    /// <summary>Runs <paramref name="work"/> in a request-like scope whose TenantScope is <paramref name="tenantId"/>'s (as the cookie would set it).</summary>
    public static async Task<T> InTenantAsync<T>(HubWorld w, Guid tenantId, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = w.Hub.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().Set(Guid.NewGuid(), "test", false, tenantId, "Tenant", "owner");
        return await work(scope.ServiceProvider);
    }
}
