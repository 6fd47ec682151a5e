using IntegrationHub.Local;
using Npgsql;

namespace IntegrationHub.Benchmarks.Poll;

/// <summary>The benchmark's database: a tenant, C PAT connections of one provider and N watched repositories named as the simulator seeds them.</summary>
internal static class PollBenchDb
{
    public static async Task<string> CreateDatabaseAsync(EmbeddedPostgres pg)
    {
        await using var conn = new NpgsqlConnection(pg.ConnectionString());
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("CREATE DATABASE pollbench", conn);
        await cmd.ExecuteNonQueryAsync();
        return pg.ConnectionString("pollbench");
    }

    /// <param name="protectedTokens">One PAT per connection: the simulator, like the providers, keeps the quota per token.</param>
    /// <param name="repos">Each repository as discovery stores it (external id, path, Azure's project), in seeding order.</param>
    public static async Task SeedAsync(NpgsqlDataSource db, PollBenchProvider provider, string simUrl, IReadOnlyList<string> protectedTokens,
        IReadOnlyList<(string ExternalId, string FullPath, string? Project)> repos)
    {
        var tenant = Guid.NewGuid();
        await ExecAsync(db, "INSERT INTO tenants (id, name, slug, created_at) VALUES ($1, 'Poll bench', $2, now())", tenant, "pollbench-" + tenant.ToString("N")[..8]);
        await ExecAsync(db, """
            INSERT INTO connections (id, tenant_id, provider, base_url, display_name, account_id, account_login, status, auth_kind, access_token_protected, created_at, updated_at)
            SELECT gen_random_uuid(), $1, $4, $2, 'bench ' || n, 'bench' || n, 'bench', 'active', 'pat', t, now(), now() FROM unnest($3::text[]) WITH ORDINALITY AS x(t, n)
            """, tenant, provider.BaseUrl(simUrl), protectedTokens.ToArray(), provider.Slug);
        await ExecAsync(db, """
            INSERT INTO repositories (id, tenant_id, connection_id, external_id, full_path, project_id, default_branch, first_seen_at, last_seen_at)
            SELECT gen_random_uuid(), $1, c.ids[1 + n % array_length(c.ids, 1)], r.external_id, r.full_path, r.project_id, 'main', now(), now()
            FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS r(external_id, full_path, project_id, n),
                 (SELECT array_agg(id ORDER BY id) ids FROM connections WHERE tenant_id = $1) c
            """, tenant, repos.Select(r => r.ExternalId).ToArray(), repos.Select(r => r.FullPath).ToArray(),
            repos.Select(r => r.Project).ToArray()); // null elements: NULL project_id
    }

    public static async Task ExecAsync(NpgsqlDataSource db, string sql, params object[] args)
    {
        await using var cmd = db.CreateCommand(sql);
        foreach (object a in args)
        {
            cmd.Parameters.Add(new() { Value = a });
        }

        await cmd.ExecuteNonQueryAsync();
    }

    public static async Task<T> ScalarAsync<T>(NpgsqlDataSource db, string sql, params object[] args)
    {
        await using var cmd = db.CreateCommand(sql);
        foreach (object a in args)
        {
            cmd.Parameters.Add(new() { Value = a });
        }

        return (T)(await cmd.ExecuteScalarAsync())!;
    }
}
