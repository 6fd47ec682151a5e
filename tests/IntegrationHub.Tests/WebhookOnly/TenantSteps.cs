using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using IntegrationHub.Providers;
using IntegrationHub.Providers.Api;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.WebhookOnly;

/// <summary>What the person does: the hub's forms over HTTP, and the repository's webhook settings at Bitbucket.</summary>
internal static partial class TenantSteps
{
    /// <summary>A signed-in person of a new tenant on <paramref name="hub"/>, with cookies, not following redirects.</summary>
    public static async Task<HttpClient> SignUpAsync(WebNode hub, string email, string tenant)
    {
        var browser = hub.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SignUpAsync(browser, email, tenant)).StatusCode);
        return browser;
    }

    /// <summary>Posts the Bitbucket Data Center form without a token; returns the webhook URL and secret the page shows.</summary>
    public static async Task<(string Url, string Secret)> ConnectWebhookOnlyAsync(HubWorld world, HttpClient browser, string projectKey, string slug)
    {
        var response = await Forms.SubmitAsync(browser, "/integrations/bitbucket-dc", "bitbucket-dc", new Dictionary<string, string>
        {
            ["Input.BaseUrl"] = $"{world.SimUrl}/bitbucket-dc", ["Input.ProjectKey"] = projectKey, ["Input.RepositorySlug"] = slug,
        });
        string html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString()); // the secret is in this answer only
        var url = WebhookUrl().Match(html);
        var secret = WebhookSecret().Match(html);
        Assert.True(url.Success && secret.Success, "the page shows no webhook URL and secret");
        return (WebUtility.HtmlDecode(url.Groups[1].Value), WebUtility.HtmlDecode(secret.Groups[1].Value));
    }

    /// <summary>
    /// Repository settings → Webhooks → Create, as the page says: the URL, the secret and its events. At Bitbucket that is
    /// the same REST call its settings page makes, as the repository's administrator. Returns Bitbucket's webhook id.
    /// </summary>
    public static async Task<string> AddWebhookAtBitbucketAsync(HubWorld world, string projectKey, string slug, string url, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/bitbucket-dc/rest/api/1.0/projects/{projectKey}/repos/{slug}/webhooks")
        {
            Content = JsonContent.Create(new
            {
                name = "IntegrationHub",
                url,
                active = true,
                events = ProviderCatalog.For(ProviderKind.BitbucketDataCenter).Descriptor.DefaultHookEvents,
                configuration = new { secret },
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", WebhookOnlyScenario.Pat);
        using var response = await world.Sim.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"creating the webhook at Bitbucket: {(int)response.StatusCode} {body}");
        return System.Text.Json.Nodes.JsonNode.Parse(body)!["id"]!.ToJsonString().Trim('"');
    }

    /// <summary>The "Add a token" form on the connection's card.</summary>
    public static async Task<HttpResponseMessage> AddTokenAsync(HttpClient browser, Guid connectionId, string token) =>
        await Forms.SubmitAsync(browser, $"/integrations/{connectionId}/token", "add-token", new Dictionary<string, string> { ["Input.Pat"] = token });

    public static async Task<Guid> ConnectionIdAsync(HubWorld world, string tenant) =>
        await world.ScalarAsync<Guid>("SELECT c.id FROM connections c JOIN tenants t ON t.id = c.tenant_id WHERE t.name = $1", tenant);

    [GeneratedRegex("id=\"webhook-url\">([^<]+)<")]
    private static partial Regex WebhookUrl();

    [GeneratedRegex("id=\"webhook-secret\">([^<]+)<")]
    private static partial Regex WebhookSecret();
}
