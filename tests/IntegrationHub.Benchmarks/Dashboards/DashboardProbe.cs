using Microsoft.Playwright;

namespace IntegrationHub.Benchmarks.Dashboards;

/// <summary>
/// When a page first showed each probe event, as the page's own clock saw it: a MutationObserver writes
/// <c>Date.now()</c> the moment the text appears (no polling, whatever a background tab's timers do). The hub, the
/// browser and this process share the machine's clock, so "shown minus stored" is the delay.
/// </summary>
internal static class DashboardProbe
{
    private const string Install = """
        () => {
            window.ihubSeen = {};
            const look = () => {
                const text = document.body.textContent;
                for (const m of text.matchAll(/dashprobe-\d+/g)) {
                    if (!(m[0] in window.ihubSeen)) window.ihubSeen[m[0]] = Date.now();
                }
            };
            new MutationObserver(look).observe(document.body, { childList: true, subtree: true, characterData: true });
        }
        """;

    public static Task InstallAsync(IPage page) => page.EvaluateAsync(Install);

    public static async Task<Dictionary<string, long>> SeenAsync(IPage page) =>
        await page.EvaluateAsync<Dictionary<string, long>>("() => window.ihubSeen");

    public static string Title(int n) => $"dashprobe-{n:D5}";
}
