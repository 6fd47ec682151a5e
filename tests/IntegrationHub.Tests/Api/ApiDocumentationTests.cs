using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Api;

/// <summary>The OpenAPI document and the reference page, served by the hub itself with no key and no CDN.</summary>
public sealed partial class ApiDocumentationTests
{
    [Fact]
    public async Task OpenApi_document_lists_the_api_paths_and_the_bearer_scheme_only()
    {
        await using var w = await HubWorld.StartAsync();
        using var client = w.Hub.CreateClient();

        var response = await client.GetAsync("/openapi/v1.json");
        var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/connections", paths);
        Assert.Contains("/api/v1/repositories", paths);
        Assert.Contains("/api/v1/repositories/{id}", paths);
        Assert.All(paths, p => Assert.StartsWith("/api/v1/", p));
        var scheme = doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal(("http", "bearer"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("scheme").GetString()));
    }

    [Fact]
    public async Task Reference_page_is_html_whose_scripts_are_local_and_allowed_by_its_csp()
    {
        await using var w = await HubWorld.StartAsync();
        using var client = w.Hub.CreateClient();

        var response = await client.GetAsync("/api/docs");
        string html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        string csp = response.Headers.GetValues("Content-Security-Policy").Single();
        string nonce = NoncePattern().Match(csp).Groups[1].Value;
        Assert.NotEmpty(nonce);
        var scripts = ScriptPattern().Matches(html).Select(m => m.Value).ToList();
        Assert.NotEmpty(scripts);
        Assert.All(scripts, s => Assert.Contains($"nonce=\"{nonce}\"", s));
        Assert.DoesNotContain("cdn.jsdelivr.net", html);
        foreach (string src in SourcePattern().Matches(html).Select(m => m.Groups[1].Value))
        {
            Assert.False(Uri.TryCreate(src, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal), src);
            var asset = await client.GetAsync(new Uri(new Uri("http://localhost/api/docs/"), src));
            Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        }

        // The rest of the dashboard keeps its strict policy: no script anywhere else.
        var other = await client.GetAsync("/account/signin");
        Assert.DoesNotContain("script-src", other.Headers.GetValues("Content-Security-Policy").Single());
    }

    [GeneratedRegex("script-src 'self' 'nonce-([^']+)'")]
    private static partial Regex NoncePattern();

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptPattern();

    [GeneratedRegex("<script[^>]*\\ssrc=\"([^\"]+)\"")]
    private static partial Regex SourcePattern();
}
