using System.Net;
using System.Text.Json;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Api;

/// <summary>GET /api/v1/repositories: keyset pages by full path, filters by connection and path, the hook's state.</summary>
public sealed class RepositoriesApiTests
{
    [Fact]
    public async Task Pages_cover_every_repository_once_in_path_order()
    {
        await using var w = await HubWorld.StartAsync();
        var tenant = await w.TenantAsync("Tenant A");
        var connection = await w.ConnectionAsync(tenant);
        string[] paths = ["octo/e", "octo/a", "octo/d", "octo/b", "octo/c"];
        for (int i = 0; i < paths.Length; i++)
        {
            await w.RepositoryAsync(tenant, connection, paths[i], i.ToString());
        }

        using var client = ApiKeys.Client(w.Hub, await ApiKeys.CreateAsync(w.Hub.Services, tenant, "ci"));
        var seen = new List<string>();
        var pageSizes = new List<int>();
        string? next = null;
        do
        {
            var page = JsonDocument.Parse(await client.GetStringAsync("/api/v1/repositories?limit=2" + (next is null ? "" : "&after=" + next))).RootElement;
            var data = page.GetProperty("data").EnumerateArray().ToList();
            pageSizes.Add(data.Count);
            seen.AddRange(data.Select(r => r.GetProperty("fullPath").GetString()!));
            next = page.GetProperty("next").GetString();
        }
        while (next is not null && pageSizes.Count < 10);

        Assert.Equal([2, 2, 1], pageSizes);
        Assert.Equal(["octo/a", "octo/b", "octo/c", "octo/d", "octo/e"], seen);
    }

    [Fact]
    public async Task Filters_by_connection_and_path_and_shows_the_hook_state()
    {
        await using var w = await HubWorld.StartAsync();
        var tenant = await w.TenantAsync("Tenant A");
        var (github, gitlab) = (await w.ConnectionAsync(tenant, "github"), await w.ConnectionAsync(tenant, "gitlab"));
        var api = await w.RepositoryAsync(tenant, github, "acme/api", "1");
        await w.RepositoryAsync(tenant, github, "acme/web", "2");
        var gitlabApi = await w.RepositoryAsync(tenant, gitlab, "group/sub/api-tools", "3");
        await w.HookAsync(tenant, github, api, "registered");
        using var client = ApiKeys.Client(w.Hub, await ApiKeys.CreateAsync(w.Hub.Services, tenant, "ci"));

        var byConnection = await ApiTenantCrossingTests.IdsAsync(client, $"/api/v1/repositories?connection={gitlab}");
        var byPath = await ApiTenantCrossingTests.IdsAsync(client, "/api/v1/repositories?path=API");
        var one = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/repositories/{api}")).RootElement;

        Assert.Equal([gitlabApi], byConnection);
        Assert.Equal([api, gitlabApi], byPath);
        Assert.Equal(("github", "acme/api", "1", "https://git.example.test/acme/api", true, "registered", github),
            (one.GetProperty("provider").GetString(), one.GetProperty("fullPath").GetString(), one.GetProperty("externalId").GetString(),
             one.GetProperty("webUrl").GetString(), one.GetProperty("watched").GetBoolean(), one.GetProperty("hookStatus").GetString(),
             one.GetProperty("connectionId").GetGuid()));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("after=not-a-cursor", "after")]
    public async Task Bad_query_is_400_with_errors(string query, string field)
    {
        await using var w = await HubWorld.StartAsync();
        var tenant = await w.TenantAsync("Tenant A");
        using var client = ApiKeys.Client(w.Hub, await ApiKeys.CreateAsync(w.Hub.Services, tenant, "ci"));

        var response = await client.GetAsync("/api/v1/repositories?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }
}
