using Npgsql;

namespace IntegrationHub.Benchmarks.Repositories;

/// <summary>
/// N repositories on one connection of a tenant, with hooks in mixed states (registered and delivered, failed, disabled,
/// pending, none) and poll rows (on schedule, late, failing, none), by the same rules as the tests' ManyRepositories;
/// other tenants get as many each, so the tables hold more than the one connection's rows.
/// </summary>
internal static class RepositoriesBenchDb
{
    public static async Task<Guid> SeedAsync(NpgsqlDataSource db, Guid tenant, int count)
    {
        var connection = Guid.NewGuid();
        await BenchKit.ExecAsync(db, """
            INSERT INTO connections (id, tenant_id, provider, base_url, display_name, account_id, account_login, status, auth_kind,
                access_token_protected, discovery_status, discovered_count, created_at, updated_at)
            VALUES ($1, $2, 'github', 'https://github.com', 'GitHub (bench)', '1', 'bench', 'active', 'pat', 'unused', 'done', $3, now(), now())
            """, connection, tenant, count);
        await BenchKit.ExecAsync(db, """
            INSERT INTO repositories (id, tenant_id, connection_id, external_id, full_path, html_url, watched, first_seen_at, last_seen_at)
            SELECT gen_random_uuid(), $1, $2, n::text, 'org/repo-' || lpad(n::text, 5, '0'), 'https://github.com/org/repo-' || lpad(n::text, 5, '0'),
                   n % 10 <> 0, now(), now()
            FROM generate_series(1, $3) n
            """, tenant, connection, count);
        await BenchKit.ExecAsync(db, """
            INSERT INTO hooks (id, tenant_id, connection_id, repository_id, provider, url, secret_protected, status, last_error, last_delivery_at, created_at, updated_at)
            SELECT gen_random_uuid(), r.tenant_id, r.connection_id, r.id, 'github', 'https://hub.example.test/hooks/github/' || r.id, 'unused',
                   (ARRAY['registered', 'failed', 'disabled', 'pending'])[x.n % 5], CASE WHEN x.n % 5 = 2 THEN 'github: 403 Must have admin rights' END,
                   CASE WHEN x.n % 5 = 1 THEN now() - x.n * interval '1 second' END, now(), now()
            FROM repositories r CROSS JOIN LATERAL (SELECT r.external_id::int AS n) x
            WHERE r.connection_id = $1 AND r.watched AND x.n % 5 <> 0
            """, connection);
        await BenchKit.ExecAsync(db, """
            INSERT INTO poll_state (repository_id, tenant_id, connection_id, next_poll_at, last_polled_at, last_outcome, consecutive_failures)
            SELECT r.id, r.tenant_id, r.connection_id,
                   CASE WHEN x.n % 7 = 2 THEN now() - interval '10 minutes' ELSE now() + interval '30 seconds' END,
                   now() - x.n * interval '1 second', CASE WHEN x.n % 7 = 1 THEN 'error' ELSE 'ok' END, CASE WHEN x.n % 7 = 1 THEN 2 ELSE 0 END
            FROM repositories r CROSS JOIN LATERAL (SELECT r.external_id::int AS n) x
            WHERE r.connection_id = $1 AND r.watched AND x.n % 13 <> 0
            """, connection);
        await BenchKit.ExecAsync(db, "ANALYZE repositories, hooks, poll_state");
        return connection;
    }

    public static async Task<Guid> TenantAsync(NpgsqlDataSource db, string name)
    {
        var id = Guid.NewGuid();
        await BenchKit.ExecAsync(db, "INSERT INTO tenants (id, name, slug, created_at) VALUES ($1, $2, $3, now())", id, name, "bench-" + id.ToString("n")[..8]);
        return id;
    }
}
