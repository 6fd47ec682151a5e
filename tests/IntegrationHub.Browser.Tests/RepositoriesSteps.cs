using System.Globalization;
using System.Net.Http.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace IntegrationHub.Browser.Tests;

/// <summary>What the Repositories tests do at the simulator and on the page, as a person would (roles and labels).</summary>
public static class RepositoriesSteps
{
    /// <summary>
    /// Gives <paramref name="login"/> (a GitLab user of its own, so no other test's connection sees them) one repository
    /// per name, <c>{login}/{prefix}-01</c> onwards, for each prefix.
    /// </summary>
    public static async Task SeedGitLabRepositoriesAsync(BrowserStack stack, string login, int each, params string[] prefixes)
    {
        using var http = new HttpClient { BaseAddress = new Uri(stack.SimUrl) };
        foreach (string prefix in prefixes)
        {
            for (int i = 1; i <= each; i++)
            {
                var made = await http.PostAsJsonAsync("/_sim/repos", new
                {
                    provider = "gitlab",
                    owner = login,
                    name = $"{prefix}-{i.ToString("D2", CultureInfo.InvariantCulture)}",
                    user = login,
                });
                made.EnsureSuccessStatusCode();
            }
        }
    }

    /// <summary>Connects gitlab.com through the consent page, signed in there as <paramref name="login"/>.</summary>
    public static async Task ConnectGitLabComAsAsync(IPage page, string login)
    {
        await Browsing.OpenAsync(page, "/integrations", "Integrations");
        await page.ClickAsync("#connect-gitlab-com");
        await page.GetByLabel("Sign in as").FillAsync(login);
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Assertions.Expect(page.Locator("#connect-ok")).ToBeVisibleAsync();
    }

    /// <summary>Picks <paramref name="option"/> in the MudSelect labelled <paramref name="label"/> (its list opens in a popover).</summary>
    public static async Task ChooseAsync(IPage page, string label, string option)
    {
        await page.GetByLabel(label, new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
    }

    /// <summary>The grid's row of one repository.</summary>
    public static ILocator Row(IPage page, string fullPath) =>
        page.Locator("#repositories").GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = fullPath, Exact = true }) });

    /// <summary>The paths of the rows the grid shows, top to bottom.</summary>
    public static ILocator Paths(IPage page) => page.Locator("#repositories tbody a code");
}
