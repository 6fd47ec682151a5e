using System.Net;
using IntegrationHub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Tests.Connect;

/// <summary>A connection paused by the provider's rate limit says so, and until when, on the Integrations page.</summary>
public sealed class RateLimitPauseTests
{
    [Fact]
    public async Task Integrations_card_shows_a_rate_limit_pause_while_it_lasts_and_not_after()
    {
        await using var h = await ConnectHarness.StartAsync();
        var browser = await h.SignUpAsync("ada@a.test", "Tenant A");
        await h.ConnectPlatformAsync(browser, "gitlab");
        var c = await ConnectDb.SingleAsync(h);
        var later = DateTimeOffset.UtcNow.AddHours(1);
        var until = later.AddTicks(-(later.Ticks % TimeSpan.TicksPerSecond)); // whole seconds: stored and read back alike
        await SetPauseAsync(h, c.Id, until);

        string paused = WebUtility.HtmlDecode(await (await browser.GetAsync("/integrations")).Content.ReadAsStringAsync());

        Assert.Contains($"Paused by the provider's rate limit until {until:yyyy-MM-dd HH:mm:ss} UTC", paused);
        Assert.Equal(until, (await ConnectDb.SingleAsync(h)).RateLimitedUntil); // mapped: the entity reads the column
        await SetPauseAsync(h, c.Id, DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.DoesNotContain("rate limit", WebUtility.HtmlDecode(await (await browser.GetAsync("/integrations")).Content.ReadAsStringAsync()));
    }

    private static async Task SetPauseAsync(ConnectHarness h, Guid id, DateTimeOffset until)
    {
        await using var db = TestDb.Create(h.Hub.ConnectionString, tenantId: null);
        await db.Connections.IgnoreQueryFilters().Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.RateLimitedUntil, until));
    }
}
