namespace IntegrationHub.Tests.World;

/// <summary>Clients of the hub: a browser (cookies, no redirects) and an API client with a key of a tenant.</summary>
public sealed partial class HubWorld
{
    public HttpClient Browser() => Hub.Browser();

    /// <summary>Signs a new owner up (creating their tenant) in a fresh browser, which then holds the session.</summary>
    public async Task<HttpClient> SignedUpAsync(string email, string tenantName)
    {
        var browser = Browser();
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await Forms.SignUpAsync(browser, email, tenantName)).StatusCode);
        return browser;
    }

    /// <summary>Makes a key of <paramref name="tenantId"/> (every scope unless named) through the hub's key service.</summary>
    public Task<string> ApiKeyAsync(Guid tenantId, string name, params string[] scopes) => ApiKeys.CreateAsync(Hub.Services, tenantId, name, scopes);

    public HttpClient ApiClient(string key) => ApiKeys.Client(Hub, key);

    /// <summary>A client sending a new key of <paramref name="tenantId"/>.</summary>
    public async Task<HttpClient> ApiClientAsync(Guid tenantId, string name, params string[] scopes) => ApiClient(await ApiKeyAsync(tenantId, name, scopes));
}
