using System.Net;
using IntegrationHub.Data;
using IntegrationHub.Tests.World;
using Npgsql;

namespace IntegrationHub.Tests.Discover;

/// <summary>The Repositories page over HTTP: progress, hook states with the provider's words, and buttons that queue work.</summary>
public sealed class RepositoriesPageTests
{
    [Fact]
    public async Task Repositories_page_shows_progress_and_failed_hooks_and_its_buttons_queue_work()
    {
        string cs = await TestPostgres.CreateDatabaseAsync();
        await using var hub = new HubFactory(cs);
        var browser = hub.Browser();
        await Forms.SignUpAsync(browser, "repos@example.test", "Repos Inc");
        await using var db = NpgsqlDataSource.Create(cs);
        var tenant = await Scalar<Guid>(db, "SELECT m.tenant_id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = 'repos@example.test'");
        var connection = Guid.NewGuid();
        var (failing, healthy) = (Guid.NewGuid(), Guid.NewGuid());
        var (failedHook, goodHook) = (Guid.NewGuid(), Guid.NewGuid());
        await Exec(db, """
            INSERT INTO connections (id, tenant_id, provider, base_url, display_name, account_id, account_login, status, auth_kind,
                access_token_protected, discovery_status, discovered_count, discovery_started_at, created_at, updated_at)
            VALUES ($1, $2, 'github', 'https://github.example.test', 'GitHub (acme)', '1', 'acme', 'active', 'pat', 'unused', 'running', 2, now(), now(), now());
            """, connection, tenant);
        foreach (var (repo, path) in new[] { (failing, "acme/locked"), (healthy, "acme/open") })
        {
            await Exec(db, "INSERT INTO repositories (id, tenant_id, connection_id, external_id, full_path, first_seen_at, last_seen_at) VALUES ($1, $2, $3, $4, $5, now(), now())",
                repo, tenant, connection, path, path);
        }

        await Exec(db, """
            INSERT INTO hooks (id, tenant_id, connection_id, repository_id, provider, url, secret_protected, status, last_error, created_at, updated_at)
            VALUES ($1, $2, $3, $4, 'github', 'https://hub/hooks/github/a', 'x', 'failed', 'github: POST /repos/acme/locked/hooks failed with 403 (Must have admin rights to Repository.)', now(), now()),
                   ($5, $2, $3, $6, 'github', 'https://hub/hooks/github/b', 'x', 'registered', NULL, now(), now())
            """, failedHook, tenant, connection, failing, goodHook, healthy);

        string html = await browser.GetStringAsync("/repositories");
        Assert.Contains("id=\"discovery-status\">running", html);
        Assert.Contains("Must have admin rights to Repository.", html);
        Assert.Contains("1 registered", html);
        Assert.Contains("1 failed", html);
        // The rows (a registered hook's "Rotate secret" and its delivery log link) load on the circuit: RepositoriesBrowserTests.

        var fields = new Dictionary<string, string> { ["connectionId"] = connection.ToString() };
        var refreshed = await Forms.SubmitAsync(browser, "/repositories", null, fields, "/repositories/refresh");
        Assert.Equal(HttpStatusCode.Redirect, refreshed.StatusCode);
        Assert.Equal(1L, await Scalar<long>(db, "SELECT count(*) FROM " + JobRows.Table + " WHERE kind = 'discover' AND connection_id = $1", connection));

        await Forms.SubmitAsync(browser, "/repositories", null, new Dictionary<string, string> { ["hookId"] = failedHook.ToString() }, "/repositories/retry");
        Assert.Equal("pending", await Scalar<string>(db, "SELECT status FROM hooks WHERE id = $1", failedHook));
        Assert.Equal(1L, await Scalar<long>(db, "SELECT count(*) FROM " + JobRows.Table + " WHERE kind = 'register_hook' AND args LIKE '%' || $1::text || '%'", failing));

        await Forms.SubmitAsync(browser, "/repositories", null, new Dictionary<string, string> { ["hookId"] = goodHook.ToString() }, "/repositories/rotate");
        Assert.Equal(1L, await Scalar<long>(db, "SELECT count(*) FROM " + JobRows.Table + " WHERE kind = 'rotate_secret' AND args LIKE '%' || $1::text || '%'", goodHook));

        var unwatched = await Forms.SubmitAsync(browser, "/repositories", null,
            new Dictionary<string, string> { ["repositoryId"] = healthy.ToString(), ["watched"] = "false" }, "/repositories/watch");
        Assert.Equal(HttpStatusCode.Redirect, unwatched.StatusCode);
        Assert.False(await Scalar<bool>(db, "SELECT watched FROM repositories WHERE id = $1", healthy));
        Assert.Equal("selected", await Scalar<string>(db, "SELECT watch_mode FROM connections WHERE id = $1", connection));
        Assert.Equal(1L, await Scalar<long>(db, "SELECT count(*) FROM " + JobRows.Table + " WHERE kind = 'register_hook' AND args LIKE '%' || $1::text || '%'", healthy));

        // A form post without the antiforgery token is refused.
        var forged = await browser.PostAsync("/repositories/refresh", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task Right_after_discovery_every_watched_repository_without_a_settled_hook_counts_as_pending()
    {
        string cs = await TestPostgres.CreateDatabaseAsync();
        await using var hub = new HubFactory(cs);
        var browser = hub.Browser();
        await Forms.SignUpAsync(browser, "pending@example.test", "Pending Inc");
        await using var db = NpgsqlDataSource.Create(cs);
        var tenant = await Scalar<Guid>(db, "SELECT m.tenant_id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = 'pending@example.test'");
        var connection = Guid.NewGuid();
        await Exec(db, """
            INSERT INTO connections (id, tenant_id, provider, base_url, display_name, account_id, account_login, status, auth_kind,
                discovery_status, discovered_count, created_at, updated_at)
            VALUES ($1, $2, 'gitlab', 'https://gitlab.example.test', 'GitLab (acme)', '1', 'acme', 'active', 'pat', 'done', 5, now(), now());
            """, connection, tenant);
        // Five watched repositories: one hook registered, one disabled by the provider, three not started (no hook row yet).
        var repos = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToArray();
        for (int i = 0; i < repos.Length; i++)
        {
            await Exec(db, "INSERT INTO repositories (id, tenant_id, connection_id, external_id, full_path, watched, first_seen_at, last_seen_at) VALUES ($1, $2, $3, $4, $5, true, now(), now())",
                repos[i], tenant, connection, i.ToString(System.Globalization.CultureInfo.InvariantCulture), $"acme/r{i}");
        }

        await Exec(db, """
            INSERT INTO hooks (id, tenant_id, connection_id, repository_id, provider, url, secret_protected, status, created_at, updated_at)
            VALUES ($1, $2, $3, $4, 'gitlab', 'https://hub/hooks/gitlab/a', 'x', 'registered', now(), now()),
                   ($5, $2, $3, $6, 'gitlab', 'https://hub/hooks/gitlab/b', 'x', 'disabled', now(), now())
            """, Guid.NewGuid(), tenant, connection, repos[0], Guid.NewGuid(), repos[1]);

        string html = await browser.GetStringAsync("/repositories");
        Assert.Contains("1 registered", html);
        Assert.Contains("3 pending", html);
        Assert.Contains("1 disabled", html);
        Assert.Contains("of 5 watched", html);
    }

    [Fact]
    public async Task Another_tenant_cannot_act_on_a_connection_it_does_not_own()
    {
        string cs = await TestPostgres.CreateDatabaseAsync();
        await using var hub = new HubFactory(cs);
        var browser = hub.Browser();
        await Forms.SignUpAsync(browser, "other@example.test", "Other Co");
        await using var db = NpgsqlDataSource.Create(cs);
        var stranger = Guid.NewGuid();
        var connection = Guid.NewGuid();
        await Exec(db, "INSERT INTO tenants (id, name, slug, created_at) VALUES ($1, 'Stranger', 'stranger', now())", stranger);
        await Exec(db, """
            INSERT INTO connections (id, tenant_id, provider, base_url, display_name, account_id, account_login, status, auth_kind, created_at, updated_at)
            VALUES ($1, $2, 'github', 'https://github.example.test', 'Theirs', '1', 'x', 'active', 'pat', now(), now())
            """, connection, stranger);

        var response = await Forms.SubmitAsync(browser, "/repositories", null,
            new Dictionary<string, string> { ["connectionId"] = connection.ToString() }, "/repositories/refresh");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0L, await Scalar<long>(db, "SELECT count(*) FROM " + JobRows.Table));
    }

    private static async Task Exec(NpgsqlDataSource db, string sql, params object[] args)
    {
        await using var cmd = db.CreateCommand(sql);
        foreach (object a in args)
        {
            cmd.Parameters.Add(new() { Value = a });
        }

        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<T> Scalar<T>(NpgsqlDataSource db, string sql, params object[] args)
    {
        await using var cmd = db.CreateCommand(sql);
        foreach (object a in args)
        {
            cmd.Parameters.Add(new() { Value = a });
        }

        return (T)(await cmd.ExecuteScalarAsync())!;
    }
}
