using System.Net;
using System.Text.Json;
using IntegrationHub.Repositories;
using IntegrationHub.Tests.World;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Repositories;

/// <summary>
/// Over HTTP as a signed-in owner: bulk watch by ticked ids and by "all matching", confined to the tenant; the repository
/// page's contents and its 404 for another tenant's id; the list's address and query; the API's new filters and their 400.
/// </summary>
public sealed class RepositoryBulkAndDetailTests
{
    [Fact]
    public async Task Bulk_unwatch_by_ids_changes_and_plans_only_the_tenants_own_repositories()
    {
        await using var w = await HubWorld.StartAsync();
        var browser = await w.SignedUpAsync("bulk@example.test", "Bulk Inc");
        var tenant = await TenantOfAsync(w, "bulk@example.test");
        var mine = await ManyRepositories.SeedAsync(w, tenant, 40);
        var other = await ManyRepositories.SeedAsync(w, await w.TenantAsync("Other"), 40); // the same repositories at the provider
        var (a, b, unwatchedAlready) = (await mine.IdAsync(1), await mine.IdAsync(2), await mine.IdAsync(10));
        var foreign = await other.IdAsync(3);

        var response = await Forms.SubmitPairsAsync(browser, "/repositories", [
            new("connectionId", mine.Connection.ToString()), new("watched", "false"),
            new("repositoryId", a.ToString()), new("repositoryId", b.ToString()), new("repositoryId", unwatchedAlready.ToString()),
            new("repositoryId", foreign.ToString())], "/repositories/watch-bulk");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Stopped%20watching%202%20repositories", response.Headers.Location!.OriginalString);
        Assert.Equal(["false", "false"], await w.QueryAsync("SELECT watched::text FROM repositories WHERE id = ANY($1) ORDER BY full_path", new[] { a, b }));
        Assert.Equal(34, await w.CountAsync("SELECT count(*) FROM repositories WHERE connection_id = $1 AND watched", mine.Connection));
        Assert.Equal(36, await w.CountAsync("SELECT count(*) FROM repositories WHERE connection_id = $1 AND watched", other.Connection));
        Assert.Equal("selected", await w.TextAsync("SELECT watch_mode FROM connections WHERE id = $1", mine.Connection));
        Assert.Equal("all", await w.TextAsync("SELECT watch_mode FROM connections WHERE id = $1", other.Connection));
        // One hook batch for the two that changed; nothing for the one already unwatched or the other tenant's.
        Assert.Equal(1, await w.CountAsync("SELECT count(*) FROM " + JobRows.Table + " WHERE kind = 'register_hook' AND args LIKE '%' || $1::text || '%' AND args LIKE '%' || $2::text || '%'", a, b));
        Assert.Equal(0, await w.CountAsync("SELECT count(*) FROM " + JobRows.Table + " WHERE args LIKE '%' || $1::text || '%' OR args LIKE '%' || $2::text || '%'", foreign, unwatchedAlready));
        Assert.Equal(1, await w.CountAsync("SELECT count(*) FROM audit_log WHERE action = 'repositories.unwatched' AND detail = '2 repositories'"));

        // Another tenant's connection: 404, nothing changes.
        var refused = await Forms.SubmitPairsAsync(browser, "/repositories", [
            new("connectionId", other.Connection.ToString()), new("watched", "false"), new("all", "true")], "/repositories/watch-bulk");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(36, await w.CountAsync("SELECT count(*) FROM repositories WHERE connection_id = $1 AND watched", other.Connection));
    }

    [Fact]
    public async Task Bulk_watch_of_all_matching_a_filter_and_a_bad_filter_changes_nothing()
    {
        await using var w = await HubWorld.StartAsync();
        var browser = await w.SignedUpAsync("filter@example.test", "Filter Inc");
        var mine = await ManyRepositories.SeedAsync(w, await TenantOfAsync(w, "filter@example.test"), 300);

        var bad = await Forms.SubmitPairsAsync(browser, "/repositories", [
            new("connectionId", mine.Connection.ToString()), new("watched", "true"), new("all", "true"), new("hookState", "sideways")], "/repositories/watch-bulk");
        var unwatchFailed = await Forms.SubmitPairsAsync(browser, "/repositories", [
            new("connectionId", mine.Connection.ToString()), new("watched", "false"), new("all", "true"), new("hookState", "failed"), new("q", "repo-001")],
            "/repositories/watch-bulk");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, unwatchFailed.StatusCode);
        var expected = mine.Numbers.Where(n => ManyRepositories.Watched(n) && ManyRepositories.HookState(n) == "failed" && ManyRepositories.Path(n).Contains("repo-001", StringComparison.Ordinal))
            .Select(ManyRepositories.Path).ToList();
        var seededUnwatched = mine.Numbers.Where(n => !ManyRepositories.Watched(n)).Select(ManyRepositories.Path);
        Assert.Equal([.. seededUnwatched.Concat(expected).Order(StringComparer.Ordinal)],
            await w.QueryAsync("SELECT full_path FROM repositories WHERE connection_id = $1 AND NOT watched ORDER BY full_path", mine.Connection));
        Assert.Equal(1, await w.CountAsync("SELECT count(*) FROM " + JobRows.Table + " WHERE kind = 'register_hook'"));
    }

    [Fact]
    public async Task Repository_page_shows_hook_deliveries_poll_streams_and_events_and_another_tenants_id_is_404()
    {
        await using var w = await HubWorld.StartAsync();
        var browser = await w.SignedUpAsync("detail@example.test", "Detail Inc");
        var mine = await ManyRepositories.SeedAsync(w, await TenantOfAsync(w, "detail@example.test"), 10);
        var other = await ManyRepositories.SeedAsync(w, await w.TenantAsync("Other"), 10);
        var repo = await mine.IdAsync(7); // failed hook; polled on schedule
        var hook = await w.ValueAsync<Guid>("SELECT id FROM hooks WHERE repository_id = $1", repo);
        await w.ExecAsync("UPDATE hooks SET previous_secret_protected = 'OLD', previous_secret_expires_at = now() + interval '1 hour' WHERE id = $1", hook);
        await w.ExecAsync("""
            INSERT INTO deliveries (tenant_id, hook_id, connection_id, repository_id, provider, delivery_id, event_name, headers, body, received_at, status, next_attempt_at)
            SELECT $1, $2, $3, $4, 'github', 'gh-delivery-' || n, 'push', '{}', '\x7b7d', now() - n * interval '1 minute', 'processed', now()
            FROM generate_series(1, 25) n
            """, mine.Tenant, hook, mine.Connection, repo);
        await w.ExecAsync("INSERT INTO poll_cursors (repository_id, stream, tenant_id, cursor, etag, updated_at) VALUES ($1, 'pulls', $2, 'cursor-pulls-42', 'W/\"e\"', now() - interval '5 minutes')", repo, mine.Tenant);
        await w.ExecAsync("""
            INSERT INTO events (tenant_id, connection_id, repository_id, provider, kind, natural_key, source, actor_login, occurred_at, recorded_at, payload)
            SELECT $1, $2, $3, 'github', 'Push', 'push-' || n, 'webhook', 'octocat-' || n, now() - n * interval '1 minute', now(), '{}'
            FROM generate_series(1, 22) n
            """, mine.Tenant, mine.Connection, repo);

        string html = WebUtility.HtmlDecode(await browser.GetStringAsync($"/repositories/{repo}"));
        var theirs = await browser.GetAsync($"/repositories/{await other.IdAsync(7)}");

        Assert.Contains("id=\"repository-path\">org/repo-00007<", html);
        Assert.Contains("id=\"hook-state\">failed<", html);
        Assert.Contains("github: 403 Must have admin rights", html);
        Assert.Contains("id=\"hook-rotation\">rotated: the old secret is accepted until", html);
        Assert.Equal(20, CountOf(html, "data-delivery="));
        Assert.Contains("gh-delivery-1<", html);
        Assert.DoesNotContain("gh-delivery-21<", html); // the 21st newest is past the last 20
        Assert.Contains("id=\"poll-state\">ok<", html);
        Assert.Contains("data-stream=\"pulls\"", html);
        Assert.Contains("cursor-pulls-42", html);
        Assert.Contains("5 min", html);
        Assert.Equal(20, CountOf(html, "data-event="));
        Assert.Contains("octocat-1<", html);
        Assert.DoesNotContain("octocat-21<", html);
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Contains("There is nothing at this address", await theirs.Content.ReadAsStringAsync()); // a page, not a blank
    }

    /// <summary>
    /// The page's grid loads its rows on the circuit (not in the prerendered HTML), from its address through the list
    /// query: the address a link gives is read here as the page reads it, and the rows checked as the page's were. The
    /// grid in Chromium: RepositoriesBrowserTests.
    /// </summary>
    [Fact]
    public async Task Repositories_page_address_filters_by_hook_and_poll_state_and_sorts_through_the_list_query()
    {
        await using var w = await HubWorld.StartAsync();
        var mine = await ManyRepositories.SeedAsync(w, await w.TenantAsync("List"), 250);

        var failedBehindAddress = RepositoryListAddress.Parse(mine.Connection, null, "failed", "behind", null, null, null, null, null);
        var byDeliveryAddress = RepositoryListAddress.Parse(mine.Connection, null, null, null, null, "LastDelivery", true, null, null);
        var failedBehind = await PageAsync(w, mine, failedBehindAddress);
        var byDelivery = await PageAsync(w, mine, byDeliveryAddress);

        var expected = mine.Numbers.Where(n => ManyRepositories.HookState(n) == "failed" && ManyRepositories.PollState(n) == "behind").ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(ManyRepositories.Path), failedBehind.Rows.Select(r => r.FullPath));
        Assert.Equal(expected.Count, failedBehind.Total);
        // Newest delivery first: org/repo-00001 (1 s ago), then org/repo-00006.
        var paths = byDelivery.Rows.Select(r => r.FullPath).ToList();
        int first = paths.IndexOf("org/repo-00001"), second = paths.IndexOf("org/repo-00006");
        Assert.True(first >= 0 && second > first);
        Assert.Equal(RepositoryListAddress.DefaultSize, byDelivery.Rows.Count);
        // The address the grid writes back reads as the same view, and unknown words in it are dropped.
        Assert.Equal($"/repositories?connection={mine.Connection}&hook=failed&poll=behind", failedBehindAddress.ToUrl());
        Assert.Equal($"/repositories?connection={mine.Connection}&sort=LastDelivery&desc=true", byDeliveryAddress.ToUrl());
        var odd = RepositoryListAddress.Parse(mine.Connection, "  repo-1 ", "sideways", "late", "maybe", "Stars", false, 0, 7);
        Assert.Equal(new RepositoryFilter("repo-1"), odd.Filter);
        Assert.Equal((RepositorySort.Name, 1, RepositoryListAddress.DefaultSize), (odd.Sort, odd.Page, odd.Size));
        var third = RepositoryListAddress.Parse(mine.Connection, null, null, null, "false", null, null, 3, 25);
        Assert.Equal(new RepositoryListRequest(mine.Connection, new RepositoryFilter(Watched: false), RepositorySort.Name, false, 50, 25),
            third.Request(mine.Connection));
    }

    private static Task<RepositoryListPage> PageAsync(HubWorld w, ManyRepositories repos, RepositoryListAddress address) =>
        ManyRepositories.InTenantAsync(w, repos.Tenant, sp => sp.GetRequiredService<RepositoryQuery>().ListAsync(address.Request(repos.Connection), CancellationToken.None));

    [Fact]
    public async Task Api_filters_by_hook_state_poll_state_and_watched_and_refuses_unknown_values()
    {
        await using var w = await HubWorld.StartAsync();
        var mine = await ManyRepositories.SeedAsync(w, await w.TenantAsync("Api"), 60);
        await ManyRepositories.SeedAsync(w, await w.TenantAsync("Other"), 60);
        using var client = await w.ApiClientAsync(mine.Tenant, "ci");

        var failed = await PathsAsync(client, "/api/v1/repositories?limit=500&hookState=failed&pollState=error&watched=true&path=REPO");
        var unwatched = await PathsAsync(client, "/api/v1/repositories?limit=500&watched=false");
        var bad = await client.GetAsync("/api/v1/repositories?hookState=sideways&pollState=late&watched=maybe");

        Assert.Equal(mine.Numbers.Where(n => ManyRepositories.HookState(n) == "failed" && ManyRepositories.PollState(n) == "error").Select(ManyRepositories.Path), failed);
        Assert.Equal(mine.Numbers.Where(n => !ManyRepositories.Watched(n)).Select(ManyRepositories.Path), unwatched);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal(["hookState", "pollState", "watched"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

        // Documented: each filter is a described query parameter of the listing.
        using var anonymous = w.Hub.CreateClient();
        var parameters = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json")).RootElement
            .GetProperty("paths").GetProperty("/api/v1/repositories").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.TryGetProperty("description", out var d) ? d.GetString() : null);
        Assert.All(["hookState", "pollState", "watched", "path"], name => Assert.False(string.IsNullOrEmpty(parameters[name]), name));
    }

    private static async Task<List<string>> PathsAsync(HttpClient client, string url)
    {
        var root = JsonDocument.Parse(await client.GetStringAsync(url)).RootElement;
        Assert.Equal(JsonValueKind.Null, root.GetProperty("next").ValueKind);
        return [.. root.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("fullPath").GetString()!)];
    }

    private static int CountOf(string html, string text) => (html.Length - html.Replace(text, "", StringComparison.Ordinal).Length) / text.Length;

    private static Task<Guid> TenantOfAsync(HubWorld w, string email) =>
        w.ValueAsync<Guid>("SELECT m.tenant_id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = $1", email);
}
