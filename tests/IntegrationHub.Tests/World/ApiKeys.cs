using System.Net.Http.Headers;
using IntegrationHub.Api;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.World;

/// <summary>API keys for tests, made through the hub's own key service (hashed, audited) exactly as the dashboard makes them.</summary>
public static class ApiKeys
{
    /// <summary>Creates a key of <paramref name="tenantId"/> with these scopes (none given: every scope) and returns its plaintext.</summary>
    public static async Task<string> CreateAsync(IServiceProvider services, Guid tenantId, string name, params string[] scopes)
    {
        using var scope = services.CreateScope();
        var created = await scope.ServiceProvider.GetRequiredService<ApiKeyService>()
            .CreateAsync(tenantId, name, scopes.Length == 0 ? ApiScopes.All.ToArray() : scopes, CancellationToken.None);
        return created.Plaintext;
    }

    /// <summary>A client of the hub that sends <c>Authorization: Bearer {key}</c> on every request (no cookies, no redirects).</summary>
    public static HttpClient Client(HubFactory f, string key)
    {
        var client = f.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
