using System.Net;
using System.Text.Json;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Api;

/// <summary>
/// A key reaches its own tenant only: two tenants connected to the same provider repository each see only their own
/// rows, another tenant's id is not found, and reading changes nothing.
/// </summary>
public sealed class ApiTenantCrossingTests
{
    [Fact]
    public async Task Connections_list_shows_only_the_keys_tenant_and_never_a_secret()
    {
        await using var w = await HubWorld.StartAsync();
        var (a, b) = (await w.TenantAsync("Tenant A"), await w.TenantAsync("Tenant B"));
        var aConnection = await w.ConnectionAsync(a, "github", "alice");
        await w.ConnectionAsync(b, "gitlab", "bob");
        var repository = await w.RepositoryAsync(a, aConnection, "alice/app", "11");
        await w.HookAsync(a, aConnection, repository, "registered");
        using var client = ApiKeys.Client(w.Hub, await ApiKeys.CreateAsync(w.Hub.Services, a, "a-reader"));

        var response = await client.GetAsync("/api/v1/connections");
        string body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var only = Assert.Single(JsonDocument.Parse(body).RootElement.GetProperty("data").EnumerateArray());
        Assert.Equal(aConnection, only.GetProperty("id").GetGuid());
        Assert.Equal(("github", "alice", "https://git.example.test", "active", 1, 1),
            (only.GetProperty("provider").GetString(), only.GetProperty("account").GetString(), only.GetProperty("baseUrl").GetString(),
             only.GetProperty("status").GetString(), only.GetProperty("repositories").GetInt32(), only.GetProperty("registeredHooks").GetInt32()));
        Assert.DoesNotContain("CIPHERTEXT", body);
        Assert.DoesNotContain("bob", body);
    }

    [Fact]
    public async Task Another_tenants_connection_and_repository_ids_are_not_found_and_nothing_changes()
    {
        await using var w = await HubWorld.StartAsync();
        var (a, b) = (await w.TenantAsync("Tenant A"), await w.TenantAsync("Tenant B"));
        var aConnection = await w.ConnectionAsync(a, "github", "alice");
        var aRepository = await w.RepositoryAsync(a, aConnection, "alice/app", "11");
        using var mallory = ApiKeys.Client(w.Hub, await ApiKeys.CreateAsync(w.Hub.Services, b, "b-key"));
        string before = await SnapshotAsync(w);

        var connection = await mallory.GetAsync($"/api/v1/connections/{aConnection}");
        var repository = await mallory.GetAsync($"/api/v1/repositories/{aRepository}");
        var filtered = await mallory.GetAsync($"/api/v1/repositories?connection={aConnection}");
        var connections = await mallory.GetAsync("/api/v1/connections");

        await ApiKeyAuthenticationTests.AssertProblemAsync(connection, HttpStatusCode.NotFound, "no connection");
        await ApiKeyAuthenticationTests.AssertProblemAsync(repository, HttpStatusCode.NotFound, "no repository");
        Assert.Empty(JsonDocument.Parse(await filtered.Content.ReadAsStringAsync()).RootElement.GetProperty("data").EnumerateArray());
        Assert.Empty(JsonDocument.Parse(await connections.Content.ReadAsStringAsync()).RootElement.GetProperty("data").EnumerateArray());
        Assert.Equal(before, await SnapshotAsync(w));
    }

    [Fact]
    public async Task Two_tenants_on_the_same_provider_repository_each_see_only_their_own_row()
    {
        await using var w = await HubWorld.StartAsync();
        var (a, b) = (await w.TenantAsync("Tenant A"), await w.TenantAsync("Tenant B"));
        var aRepository = await w.RepositoryAsync(a, await w.ConnectionAsync(a, "github", "alice"), "shared/app", "4242");
        var bRepository = await w.RepositoryAsync(b, await w.ConnectionAsync(b, "github", "bob"), "shared/app", "4242");
        using var alice = ApiKeys.Client(w.Hub, await ApiKeys.CreateAsync(w.Hub.Services, a, "a-key"));
        using var bob = ApiKeys.Client(w.Hub, await ApiKeys.CreateAsync(w.Hub.Services, b, "b-key"));

        var seenByA = await IdsAsync(alice, "/api/v1/repositories?path=shared/app");
        var seenByB = await IdsAsync(bob, "/api/v1/repositories?path=shared/app");
        var bOwn = await bob.GetAsync($"/api/v1/repositories/{bRepository}");
        var bAsksA = await bob.GetAsync($"/api/v1/repositories/{aRepository}");

        Assert.Equal([aRepository], seenByA);
        Assert.Equal([bRepository], seenByB);
        Assert.Equal(HttpStatusCode.OK, bOwn.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, bAsksA.StatusCode);
    }

    internal static async Task<List<Guid>> IdsAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("data").EnumerateArray()
            .Select(r => r.GetProperty("id").GetGuid()).ToList();
    }

    /// <summary>Every column of every connection, repository and hook, and every audit entry beyond key creation.</summary>
    private static Task<string> SnapshotAsync(HubWorld w) => w.ScalarAsync<string>("""
        SELECT concat_ws(E'\n',
            (SELECT string_agg(row_to_json(c)::text, E'\n' ORDER BY c.id) FROM connections c),
            (SELECT string_agg(row_to_json(r)::text, E'\n' ORDER BY r.id) FROM repositories r),
            (SELECT string_agg(row_to_json(h)::text, E'\n' ORDER BY h.id) FROM hooks h),
            (SELECT string_agg(row_to_json(l)::text, E'\n' ORDER BY l.id) FROM audit_log l WHERE l.action <> 'api_key.created'))
        """);
}
