using Microsoft.Playwright;

namespace IntegrationHub.Browser.Tests;

/// <summary>
/// The API reference page in Chromium: Scalar's script, served by the hub itself, runs under the page's CSP (nonce for
/// the inline bootstrap, no CDN, no web fonts) and renders the OpenAPI document's operations.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ApiDocsBrowserTests(BrowserStack stack)
{
    [Fact]
    public async Task Api_reference_page_renders_the_operations_with_no_csp_refusal_and_no_outside_request()
    {
        var page = await stack.NewPageAsync();
        var refusals = new List<string>();
        var outside = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                lock (refusals)
                {
                    refusals.Add(message.Text);
                }
            }
        };
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(stack.HubUrl, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                lock (outside)
                {
                    outside.Add(request.Url);
                }
            }
        };

        await page.GotoAsync("/api/docs");

        await Assertions.Expect(page.GetByText("IntegrationHub API").First).ToBeVisibleAsync();
        // The first tag's operations get a "Test Request" button once Scalar has read /openapi/v1.json (later tags render lazily).
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Test Request (get /api/v1/connections)" })).ToBeAttachedAsync();
        await BrowserStack.ScreenshotAsync(page, "20-api-docs");
        Assert.Empty(refusals);
        Assert.Empty(outside);
        await page.Context.CloseAsync();
    }
}
