using Npgsql;

namespace IntegrationHub.Benchmarks.Fanout;

/// <summary>The benchmark's rows: one tenant, one connection and repository, S subscriptions to every kind, N events.</summary>
internal static class FanoutBenchDb
{
    public const int EventsPerTransaction = 500;
    private static readonly string[] Kinds = ["PullRequestOpened", "CommentCreatedOnPullRequest", "Push", "IssueOpened", "PipelineCompleted"];

    public static async Task<(Guid Tenant, Guid Repository)> SeedTenantAsync(NpgsqlDataSource db)
    {
        var tenant = Guid.NewGuid();
        var connection = Guid.NewGuid();
        var repository = Guid.NewGuid();
        await BenchKit.ExecAsync(db, "INSERT INTO tenants (id, name, slug, created_at) VALUES ($1, 'Fan-out bench', $2, now())", tenant, "fanout-" + tenant.ToString("N")[..8]);
        await BenchKit.ExecAsync(db, """
            INSERT INTO connections (id, tenant_id, provider, base_url, display_name, account_id, account_login, status, auth_kind, created_at, updated_at)
            VALUES ($1, $2, 'github', 'https://github.com', 'bench', 'bench', 'bench', 'active', 'pat', now(), now())
            """, connection, tenant);
        await BenchKit.ExecAsync(db, """
            INSERT INTO repositories (id, tenant_id, connection_id, external_id, full_path, default_branch, first_seen_at, last_seen_at)
            VALUES ($1, $2, $3, '1', 'org/repo', 'main', now(), now())
            """, repository, tenant, connection);
        return (tenant, repository);
    }

    /// <summary>Subscriptions to every kind and repository, their cursor at the feed's start, so they fan out every event.</summary>
    public static async Task SeedSubscriptionsAsync(NpgsqlDataSource db, Guid tenant, string receiverUrl, int count, string secretProtected)
    {
        await BenchKit.ExecAsync(db, """
            INSERT INTO subscriptions (id, tenant_id, url, secret_protected, created_at, updated_at, created_by)
            SELECT gen_random_uuid(), $1, $2 || '/hooks/' || n, $4, now(), now(), 'fanout-bench' FROM generate_series(1, $3) n
            """, tenant, receiverUrl, count, secretProtected);
    }

    /// <summary>
    /// Events from <paramref name="first"/> on, <see cref="EventsPerTransaction"/> per transaction as ingest commits them,
    /// each with a normalized payload of about 700 bytes.
    /// </summary>
    public static async Task InsertEventsAsync(NpgsqlDataSource db, Guid tenant, Guid repository, int first, int count)
    {
        for (int start = first; start < first + count; start += EventsPerTransaction)
        {
            int end = Math.Min(first + count, start + EventsPerTransaction) - 1;
            await BenchKit.ExecAsync(db, """
                INSERT INTO events (tenant_id, connection_id, repository_id, provider, kind, natural_key, source, actor_login, html_url,
                                    occurred_at, recorded_at, payload)
                SELECT $1, r.connection_id, r.id, 'github', k.kind, 'bench-' || n, 'webhook', 'octocat', 'https://github.com/org/repo/pull/' || n,
                       clock_timestamp(), clock_timestamp(),
                       jsonb_build_object('provider', 'github', 'kind', k.kind, 'naturalKey', 'bench-' || n,
                           'repository', jsonb_build_object('externalId', '1', 'fullPath', 'org/repo', 'htmlUrl', 'https://github.com/org/repo'),
                           'actor', jsonb_build_object('login', 'octocat', 'name', 'The Octocat'),
                           'htmlUrl', 'https://github.com/org/repo/pull/' || n, 'occurredAt', to_jsonb(clock_timestamp()),
                           'source', 'webhook', 'mentions', '[]'::jsonb,
                           'details', jsonb_build_object('number', n, 'title', 'Bench pull request ' || n, 'body', repeat('lorem ipsum ', 30)))
                FROM generate_series($3::int, $4::int) n
                CROSS JOIN LATERAL (SELECT ($5::text[])[1 + n % cardinality($5::text[])] AS kind) k
                JOIN repositories r ON r.id = $2
                """, tenant, repository, start, end, Kinds);
        }
    }

    public static async Task<long> ScalarAsync(NpgsqlDataSource db, string sql)
    {
        await using var cmd = db.CreateCommand(sql);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }
}
