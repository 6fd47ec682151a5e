using System.Net;
using System.Text.Json;
using IntegrationHub.Api;
using IntegrationHub.Tests.World;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Api;

/// <summary>Who may call /api/v1: a live key of the tenant with the endpoint's scope, sent as a Bearer token, and nothing else.</summary>
public sealed class ApiKeyAuthenticationTests
{
    [Fact]
    public async Task Call_without_a_key_is_401_problem_with_bearer_challenge()
    {
        await using var w = await HubWorld.StartAsync();
        using var client = w.Hub.CreateClient();

        var response = await client.GetAsync("/api/v1/connections");

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "Authorization: Bearer");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [InlineData("not-a-key")]
    [InlineData("ihub_short")]
    [InlineData("ihub_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA!")]
    public async Task Malformed_key_is_401(string key)
    {
        await using var w = await HubWorld.StartAsync();
        using var client = ApiKeys.Client(w.Hub, key);

        var response = await client.GetAsync("/api/v1/connections");

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "malformed");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Well_formed_but_unknown_key_is_401()
    {
        await using var w = await HubWorld.StartAsync();
        var tenant = await w.TenantAsync("Tenant A");
        string real = await ApiKeys.CreateAsync(w.Hub.Services, tenant, "ci");
        string wrong = ApiKeyFormat.NewKey();
        Assert.NotEqual(real, wrong);
        using var client = ApiKeys.Client(w.Hub, wrong);

        var response = await client.GetAsync("/api/v1/connections");

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "not valid");
    }

    [Fact]
    public async Task Revoked_key_is_401_and_the_same_key_worked_before()
    {
        await using var w = await HubWorld.StartAsync();
        var tenant = await w.TenantAsync("Tenant A");
        string key = await ApiKeys.CreateAsync(w.Hub.Services, tenant, "ci");
        using var client = ApiKeys.Client(w.Hub, key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/connections")).StatusCode);

        await w.ExecAsync("UPDATE api_keys SET revoked_at = now() WHERE tenant_id = $1", tenant);
        var response = await client.GetAsync("/api/v1/connections");

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "revoked");
    }

    [Fact]
    public async Task Key_without_the_endpoints_scope_is_403_naming_the_scope()
    {
        await using var w = await HubWorld.StartAsync();
        var tenant = await w.TenantAsync("Tenant A");
        string key = await ApiKeys.CreateAsync(w.Hub.Services, tenant, "reader", ApiScopes.EventsRead, ApiScopes.RepositoriesRead);
        using var client = ApiKeys.Client(w.Hub, key);

        var refused = await client.GetAsync("/api/v1/connections");
        var allowed = await client.GetAsync("/api/v1/repositories");

        await AssertProblemAsync(refused, HttpStatusCode.Forbidden, ApiScopes.ConnectionsRead);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Signed_in_dashboard_cookie_alone_does_not_authorize_the_api()
    {
        await using var w = await HubWorld.StartAsync();
        var browser = w.Hub.Browser();
        await Forms.SignUpAsync(browser, "owner@a.test", "Tenant A");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/integrations")).StatusCode);

        var response = await browser.GetAsync("/api/v1/connections");

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "Authorization: Bearer");
    }

    [Fact]
    public async Task Api_key_does_not_open_dashboard_pages()
    {
        await using var w = await HubWorld.StartAsync();
        var tenant = await w.TenantAsync("Tenant A");
        using var client = ApiKeys.Client(w.Hub, await ApiKeys.CreateAsync(w.Hub.Services, tenant, "ci"));

        var response = await client.GetAsync("/integrations");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/signin", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Unknown_api_path_is_404_problem_not_the_html_page()
    {
        await using var w = await HubWorld.StartAsync();
        var tenant = await w.TenantAsync("Tenant A");
        using var client = ApiKeys.Client(w.Hub, await ApiKeys.CreateAsync(w.Hub.Services, tenant, "ci"));

        var response = await client.GetAsync("/api/v1/no-such-thing");

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "no such API endpoint");
    }

    [Fact]
    public async Task Use_records_last_used_and_todays_count_once_per_minute()
    {
        await using var w = await HubWorld.StartAsync();
        var tenant = await w.TenantAsync("Tenant A");
        using var client = ApiKeys.Client(w.Hub, await ApiKeys.CreateAsync(w.Hub.Services, tenant, "ci"));
        Assert.Null(await w.ScalarAsync<object>("SELECT last_used_at FROM api_keys WHERE tenant_id = $1", tenant) as DateTime?);

        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/connections")).StatusCode);
        }

        // The first use is written at once; the next two wait in memory for the minute to pass (or the host to stop).
        Assert.IsType<DateTime>(await w.ScalarAsync<object>("SELECT last_used_at FROM api_keys WHERE tenant_id = $1", tenant));
        Assert.Equal(1, await w.ScalarAsync<int>("SELECT uses_today FROM api_keys WHERE tenant_id = $1", tenant));
        await w.Hub.Services.GetRequiredService<ApiKeyUsage>().FlushAsync(CancellationToken.None);
        Assert.Equal(3, await w.ScalarAsync<int>("SELECT uses_today FROM api_keys WHERE tenant_id = $1", tenant));
    }

    internal static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detailContains)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Contains(detailContains, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        return problem;
    }
}
