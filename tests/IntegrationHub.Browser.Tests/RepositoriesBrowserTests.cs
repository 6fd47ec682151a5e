using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace IntegrationHub.Browser.Tests;

/// <summary>
/// The Repositories grid in Chromium: rows come a page at a time from the server, filtered by name and hook state,
/// sorted and paged with the address in step; two ticked repositories unwatched through the confirmation dialog lose
/// their hooks while the page watches; a row opens the repository's page, and its hook's delivery log shows a delivery
/// as it arrives and redelivers it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class RepositoriesBrowserTests(BrowserStack stack)
{
    private const string Login = "grid-person";

    [Fact]
    public async Task Filter_sort_page_bulk_unwatch_with_a_dialog_open_a_repository_and_its_delivery_log()
    {
        await RepositoriesSteps.SeedGitLabRepositoriesAsync(stack, Login, 12, "alpha", "beta");
        var page = await stack.NewPageAsync();
        var csp = Browsing.WatchCsp(page);
        await Browsing.SignUpAsync(page, "grid@browser.test", "Grid Co");
        await RepositoriesSteps.ConnectGitLabComAsAsync(page, Login);

        // Ten a page, from the address: 24 repositories are three pages.
        await Browsing.OpenAsync(page, "/repositories?size=10", "Repositories");
        await Browsing.WaitForCircuitAsync(page);
        var count = page.Locator("#selection-count");
        await Assertions.Expect(count).ToHaveTextAsync("0 selected · 24 matching");
        await Assertions.Expect(RepositoriesSteps.Paths(page)).ToHaveCountAsync(10);
        await Assertions.Expect(RepositoriesSteps.Paths(page).First).ToHaveTextAsync($"{Login}/alpha-01");

        // Hook state: every hook registered (the page follows discovery's registrations by itself).
        await RepositoriesSteps.ChooseAsync(page, "Hook state", "registered");
        await Assertions.Expect(count).ToHaveTextAsync("0 selected · 24 matching");
        await Assertions.Expect(page).ToHaveURLAsync(HookRegistered());
        var registered = RepositoriesSteps.Row(page, $"{Login}/alpha-01");
        await Assertions.Expect(registered.GetByRole(AriaRole.Button, new() { Name = "Rotate secret" })).ToBeVisibleAsync();
        await Assertions.Expect(registered.GetByRole(AriaRole.Link, new() { Name = "deliveries" })).ToHaveAttributeAsync("href", DeliveryLog());
        await BrowserStack.ScreenshotAsync(page, "repositories-grid");
        var axe = await Browsing.AxeProblemsAsync(page);
        await RepositoriesSteps.ChooseAsync(page, "Hook state", "none");
        await Assertions.Expect(page.Locator("#no-repositories")).ToHaveTextAsync("No repositories match these filters.");
        await RepositoriesSteps.ChooseAsync(page, "Hook state", "any");

        // Name: twelve beta repositories, two pages; the next page holds the last two.
        await page.GetByLabel("Name contains").FillAsync("beta");
        await Assertions.Expect(count).ToHaveTextAsync("0 selected · 12 matching");
        await Assertions.Expect(RepositoriesSteps.Paths(page).First).ToHaveTextAsync($"{Login}/beta-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await Assertions.Expect(RepositoriesSteps.Paths(page)).ToHaveTextAsync([$"{Login}/beta-11", $"{Login}/beta-12"]);
        await Assertions.Expect(page).ToHaveURLAsync(SecondBetaPage());
        await BrowserStack.ScreenshotAsync(page, "repositories-filtered-page-2");

        // Sort by name, twice: descending, from the first page.
        var name = page.GetByRole(AriaRole.Columnheader, new() { Name = "Repository" });
        await name.GetByText("Repository").ClickAsync();
        await name.GetByText("Repository").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "First page" }).ClickAsync();
        await Assertions.Expect(RepositoriesSteps.Paths(page).First).ToHaveTextAsync($"{Login}/beta-12");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("desc=true"));
        await BrowserStack.ScreenshotAsync(page, "repositories-sorted");

        // Tick two, unwatch them: the dialog says how many and that their hooks go; the snackbar says what happened.
        await page.GetByRole(AriaRole.Checkbox, new() { Name = $"Select {Login}/beta-12" }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = $"Select {Login}/beta-11" }).CheckAsync();
        await Assertions.Expect(count).ToHaveTextAsync("2 selected · 12 matching");
        await page.GetByRole(AriaRole.Button, new() { Name = "Unwatch selected" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("Stop watching 2 repositories?");
        await Assertions.Expect(dialog).ToContainTextAsync("removes the webhooks");
        await BrowserStack.ScreenshotAsync(page, "repositories-unwatch-dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Unwatch" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Stopped watching 2 repositories")).ToBeVisibleAsync();
        foreach (string path in new[] { $"{Login}/beta-12", $"{Login}/beta-11" })
        {
            // The worker removes the hook at the provider; the page shows it without a reload.
            await Assertions.Expect(RepositoriesSteps.Row(page, path).GetByRole(AriaRole.Button, new() { Name = "Watch", Exact = true })).ToBeVisibleAsync();
            await Assertions.Expect(RepositoriesSteps.Row(page, path).Locator("[data-state]").First).ToHaveAttributeAsync("data-state", "none");
        }

        await Assertions.Expect(RepositoriesSteps.Row(page, $"{Login}/beta-10").Locator("[data-state]").First).ToHaveAttributeAsync("data-state", "registered");
        await Assertions.Expect(count).ToHaveTextAsync("0 selected · 12 matching");
        await BrowserStack.ScreenshotAsync(page, "repositories-unwatched");
        await Browsing.DismissSnackbarsAsync(page);

        // A repository's own page.
        await page.GetByRole(AriaRole.Link, new() { Name = $"{Login}/beta-10", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"{Login}/beta-10");
        await Assertions.Expect(page.Locator("#hook-state")).ToHaveTextAsync("registered");
        await Assertions.Expect(page.Locator("#repository-watched")).ToHaveTextAsync("yes");
        await BrowserStack.ScreenshotAsync(page, "repository-detail");
        axe.AddRange(await Browsing.AxeProblemsAsync(page));

        // Its hook's delivery log: an issue opened at GitLab arrives while the log is open, and is redelivered.
        await page.GetByRole(AriaRole.Link, new() { Name = "delivery log" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Delivery log");
        await Browsing.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator("#no-deliveries")).ToHaveTextAsync("Nothing delivered yet.");
        await stack.SimulateAsync("issue-open", new { provider = "gitlab", repo = $"{Login}/beta-10", title = "Seen in the log" });
        var delivery = page.Locator("#deliveries tbody tr").First;
        await Assertions.Expect(delivery).ToContainTextAsync("processed");
        axe.AddRange(await Browsing.AxeProblemsAsync(page));
        await delivery.GetByRole(AriaRole.Button, new() { Name = "Redeliver" }).ClickAsync();
        await Assertions.Expect(page.GetByText("is queued for processing again")).ToBeVisibleAsync();
        await BrowserStack.ScreenshotAsync(page, "delivery-log");
        Assert.True(axe.Count == 0, string.Join('\n', axe));
        Assert.Empty(csp);
        await page.Context.CloseAsync();
    }

    [GeneratedRegex(@"/repositories\?connection=[0-9a-f-]{36}&hook=registered&size=10$")]
    private static partial Regex HookRegistered();

    [GeneratedRegex(@"^/hooks/[0-9a-f-]{36}/deliveries$")]
    private static partial Regex DeliveryLog();

    [GeneratedRegex(@"/repositories\?connection=[0-9a-f-]{36}&q=beta&page=2&size=10$")]
    private static partial Regex SecondBetaPage();
}
