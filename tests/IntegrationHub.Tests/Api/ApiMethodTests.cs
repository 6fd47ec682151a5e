using System.Net;
using System.Text.Json;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Api;

/// <summary>What the API answers for a path it does not have, and for a path it has asked with the wrong method.</summary>
public sealed class ApiMethodTests
{
    [Fact]
    public async Task Wrong_method_on_a_known_path_is_405_problem_with_allow_and_unknown_path_stays_404()
    {
        await using var w = await HubWorld.StartAsync();
        var tenant = await w.TenantAsync("Tenant A");
        using var client = ApiKeys.Client(w.Hub, await ApiKeys.CreateAsync(w.Hub.Services, tenant, "ci"));

        using var wrongMethod = await client.DeleteAsync("/api/v1/events");
        using var wrongMethodWithId = await client.PutAsync($"/api/v1/repositories/{Guid.NewGuid()}", null);
        using var unknown = await client.GetAsync("/api/v1/no-such-thing");
        using var idOfWrongForm = await client.DeleteAsync("/api/v1/repositories/not-a-guid");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Equal("application/problem+json", wrongMethod.Content.Headers.ContentType?.MediaType);
        Assert.Contains("GET", wrongMethod.Content.Headers.Allow);
        Assert.DoesNotContain("DELETE", wrongMethod.Content.Headers.Allow);
        var problem = JsonDocument.Parse(await wrongMethod.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(405, problem.GetProperty("status").GetInt32());
        Assert.Contains("DELETE", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethodWithId.StatusCode);
        Assert.Contains("GET", wrongMethodWithId.Content.Headers.Allow);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, idOfWrongForm.StatusCode);
    }
}
