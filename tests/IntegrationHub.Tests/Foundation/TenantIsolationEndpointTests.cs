using System.Net;
using IntegrationHub.Data;
using IntegrationHub.Tests.World;
using Npgsql;

namespace IntegrationHub.Tests.Foundation;

/// <summary>
/// Tenant A, signed in with a valid antiforgery token, posts tenant B's ids to every Repositories action. Each must be
/// refused as not found, change none of B's rows and queue no work. (Connection endpoints under /integrations and the
/// delivery log's redeliver have their own tests.)
/// </summary>
public sealed class TenantIsolationEndpointTests
{
    [Theory]
    [InlineData("/repositories/watch-mode", "connectionId=connection", "mode=all")]
    [InlineData("/repositories/watch-mode", "connectionId=connection", "mode=selected")]
    [InlineData("/repositories/sync-mode", "connectionId=connection", "mode=poll")]
    [InlineData("/repositories/sync-mode", "connectionId=connection", "mode=webhooks")]
    [InlineData("/repositories/watch", "repositoryId=repository", "watched=true")]
    [InlineData("/repositories/watch", "repositoryId=watchedRepository", "watched=false")]
    [InlineData("/repositories/retry", "hookId=failedHook", null)]
    [InlineData("/repositories/retry", "hookId=registeredHook", null)]
    [InlineData("/repositories/rotate", "hookId=registeredHook", null)]
    [InlineData("/repositories/retry-failed", "connectionId=connection", null)]
    [InlineData("/repositories/watch-bulk", "connectionId=connection", "watched=true&all=true")]
    [InlineData("/repositories/watch-bulk", "connectionId=connection", "watched=false&all=true")]
    [InlineData("/repositories/refresh", "connectionId=connection", null)]
    public async Task Repository_actions_with_another_tenants_ids_are_refused_and_change_nothing(string action, string idField, string? extraField)
    {
        await using var world = await HubWorld.StartAsync();
        string cs = world.ConnectionString;
        var alice = world.Browser();
        await Forms.SignUpAsync(alice, "alice@a.test", "Tenant A");
        await Forms.SignUpAsync(world.Browser(), "bob@b.test", "Tenant B");
        await using var db = NpgsqlDataSource.Create(cs);
        var ids = await SeedTenantBAsync(db);
        string before = await SnapshotAsync(db);

        var (name, key) = Split(idField);
        var fields = new Dictionary<string, string> { [name] = ids[key].ToString() };
        foreach (string extra in extraField?.Split('&') ?? [])
        {
            var (extraName, extraValue) = Split(extra);
            fields[extraName] = extraValue;
        }

        var response = await Forms.SubmitAsync(alice, "/repositories", null, fields, action);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before, await SnapshotAsync(db));
        Assert.Equal(0L, await ScalarAsync(db, "SELECT count(*) FROM " + JobRows.Table));
        Assert.Equal(0L, await ScalarAsync(db, "SELECT count(*) FROM audit_log WHERE action NOT IN ('account.signed_up', 'account.signed_in')"));
    }

    /// <summary>Tenant B's connection (watch mode "selected"), two repositories, a failed and a registered hook.</summary>
    private static async Task<Dictionary<string, Guid>> SeedTenantBAsync(NpgsqlDataSource db)
    {
        var ids = new Dictionary<string, Guid>
        {
            ["tenant"] = await ScalarAsync<Guid>(db, "SELECT id FROM tenants WHERE name = 'Tenant B'"),
            ["connection"] = Guid.NewGuid(),
            ["repository"] = Guid.NewGuid(),
            ["watchedRepository"] = Guid.NewGuid(),
            ["failedHook"] = Guid.NewGuid(),
            ["registeredHook"] = Guid.NewGuid(),
        };
        await ExecAsync(db, """
            INSERT INTO connections (id, tenant_id, provider, base_url, display_name, account_id, account_login, status, auth_kind, watch_mode, created_at, updated_at)
            VALUES ($1, $2, 'github', 'https://github.example.test', 'GitHub (bob)', '2', 'bob', 'active', 'pat', 'selected', now(), now())
            """, ids["connection"], ids["tenant"]);
        await ExecAsync(db, """
            INSERT INTO repositories (id, tenant_id, connection_id, external_id, full_path, watched, first_seen_at, last_seen_at)
            VALUES ($1, $2, $3, 'r1', 'bob/quiet', false, now(), now()), ($4, $2, $3, 'r2', 'bob/busy', true, now(), now())
            """, ids["repository"], ids["tenant"], ids["connection"], ids["watchedRepository"]);
        await ExecAsync(db, """
            INSERT INTO hooks (id, tenant_id, connection_id, repository_id, provider, url, secret_protected, status, last_error, created_at, updated_at)
            VALUES ($1, $2, $3, $4, 'github', 'https://hub/hooks/github/b1', 'x', 'failed', 'github: 403', now(), now()),
                   ($5, $2, $3, $6, 'github', 'https://hub/hooks/github/b2', 'x', 'registered', NULL, now(), now())
            """, ids["failedHook"], ids["tenant"], ids["connection"], ids["repository"], ids["registeredHook"], ids["watchedRepository"]);
        return ids;
    }

    /// <summary>Every column of every connection, repository and hook, so any change to any of them shows.</summary>
    private static Task<string> SnapshotAsync(NpgsqlDataSource db) => ScalarAsync<string>(db, """
        SELECT concat_ws(E'\n',
            (SELECT string_agg(row_to_json(c)::text, E'\n' ORDER BY c.id) FROM connections c),
            (SELECT string_agg(row_to_json(r)::text, E'\n' ORDER BY r.id) FROM repositories r),
            (SELECT string_agg(row_to_json(h)::text, E'\n' ORDER BY h.id) FROM hooks h))
        """);

    private static (string Name, string Value) Split(string field) => (field[..field.IndexOf('=')], field[(field.IndexOf('=') + 1)..]);

    private static async Task ExecAsync(NpgsqlDataSource db, string sql, params object[] args)
    {
        await using var cmd = db.CreateCommand(sql);
        foreach (object a in args)
        {
            cmd.Parameters.Add(new() { Value = a });
        }

        await cmd.ExecuteNonQueryAsync();
    }

    private static Task<long> ScalarAsync(NpgsqlDataSource db, string sql) => ScalarAsync<long>(db, sql);

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource db, string sql)
    {
        await using var cmd = db.CreateCommand(sql);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }
}
