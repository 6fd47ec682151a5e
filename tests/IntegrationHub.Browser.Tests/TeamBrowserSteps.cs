using Microsoft.Playwright;

namespace IntegrationHub.Browser.Tests;

/// <summary>What the team tests do on the interactive settings pages: read a snackbar, post as a forger would.</summary>
internal static class TeamBrowserSteps
{
    /// <summary>The snackbar that reports an action's outcome.</summary>
    public static ILocator Snackbar(IPage page, string text) => page.Locator(".mud-snackbar").Filter(new() { HasText = text });

    /// <summary>
    /// What a member could forge: a form posted to an owner's endpoint from their own page, with the antiforgery token
    /// the page carries. The browser then shows the hub's answer.
    /// </summary>
    public static async Task PostFromPageAsync(IPage page, string action, params (string Name, string Value)[] fields) =>
        await page.EvaluateAsync("""
            ([action, fields]) => {
                const form = document.createElement('form');
                form.method = 'post';
                form.action = action;
                const token = document.querySelector('input[name=__RequestVerificationToken]').value;
                for (const [name, value] of [['__RequestVerificationToken', token], ...fields]) {
                    const input = document.createElement('input');
                    input.type = 'hidden';
                    input.name = name;
                    input.value = value;
                    form.appendChild(input);
                }
                document.body.appendChild(form);
                form.submit();
            }
            """, new object[] { action, fields.Select(f => new[] { f.Name, f.Value }).ToArray() });
}
