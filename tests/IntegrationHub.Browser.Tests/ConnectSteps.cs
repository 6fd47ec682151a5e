using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace IntegrationHub.Browser.Tests;

/// <summary>What the connect tests do as a person would, besides <see cref="Browsing"/>: approve at the provider, follow a
/// connection to its repositories, and reload a static page until the worker's result shows on it.</summary>
internal static class ConnectSteps
{
    /// <summary>The simulator's consent page: the person sees it, then approves.</summary>
    public static async Task ApproveAtProviderAsync(IPage page, BrowserStack stack, string screenshot)
    {
        var approve = page.GetByRole(AriaRole.Button, new() { Name = "Approve" });
        await Assertions.Expect(approve).ToBeVisibleAsync();
        Assert.StartsWith(stack.SimUrl, page.Url, StringComparison.Ordinal);
        await BrowserStack.ScreenshotAsync(page, screenshot);
        await approve.ClickAsync();
    }

    /// <summary>
    /// Opens <paramref name="path"/> and waits on its circuit until <paramref name="shown"/> is on it: the Repositories
    /// page is live, so what the worker does meanwhile (discovery, a hook) shows without a reload.
    /// </summary>
    public static async Task OpenUntilAsync(IPage page, string path, string heading, Func<IPage, ILocator> shown)
    {
        await Browsing.OpenLiveAsync(page, path, heading);
        await Assertions.Expect(shown(page)).Not.ToHaveCountAsync(0);
    }

    /// <summary>From the Integrations page, the Repositories link of the connection row that names <paramref name="connection"/>.</summary>
    public static async Task<string> RepositoriesOfAsync(IPage page, string connection)
    {
        var row = page.Locator("#connections tr", new() { HasText = connection });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        string href = (await row.GetByRole(AriaRole.Link, new() { Name = "Repositories", Exact = true }).GetAttributeAsync("href"))!;
        Assert.StartsWith("/repositories?connection=", href, StringComparison.Ordinal);
        return href;
    }

    /// <summary>The row of one repository on the Repositories page (its path is in a link of its own).</summary>
    public static ILocator Repository(IPage page, string path, string? hookStatus = null) =>
        HookState(page.Locator("#repositories tbody tr"), hookStatus)
            .Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = path, Exact = true }) });

    /// <summary>The rows whose hook chip (RepositoryStateChip) is in <paramref name="hookStatus"/>; all of them when null.</summary>
    public static ILocator HookState(ILocator rows, string? hookStatus) =>
        hookStatus is null ? rows : rows.Filter(new() { Has = rows.Page.Locator($"[data-kind=hook][data-state={hookStatus}]") });

    /// <summary>A token the simulated provider issues with exactly these scopes (as its settings page would).</summary>
    public static async Task<string> ProviderTokenAsync(BrowserStack stack, string provider, params string[] scopes)
    {
        using var http = new HttpClient { BaseAddress = new Uri(stack.SimUrl) };
        using var answer = await http.PostAsJsonAsync("/_sim/tokens", new { provider, scopes });
        answer.EnsureSuccessStatusCode();
        return (string)JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["token"]!;
    }
}
