using System.Net;
using IntegrationHub.Tests.World;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Tests.Connect;

/// <summary>A connection paused by the provider's rate limit says so, and until when, on the Integrations page.</summary>
public sealed class RateLimitPauseTests
{
    [Fact]
    public async Task Integrations_card_shows_a_rate_limit_pause_while_it_lasts_and_not_after()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");
        await world.ConnectPlatformAsync(browser, "gitlab");
        var c = await world.SingleConnectionAsync();
        var later = DateTimeOffset.UtcNow.AddHours(1);
        var until = later.AddTicks(-(later.Ticks % TimeSpan.TicksPerSecond)); // whole seconds: stored and read back alike
        await SetPauseAsync(world, c.Id, until);

        string paused = WebUtility.HtmlDecode(await (await browser.GetAsync("/integrations")).Content.ReadAsStringAsync());

        Assert.Contains($"Paused by the provider's rate limit until {until:yyyy-MM-dd HH:mm:ss} UTC", paused);
        Assert.Equal(until, (await world.SingleConnectionAsync()).RateLimitedUntil); // mapped: the entity reads the column
        await SetPauseAsync(world, c.Id, DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.DoesNotContain("rate limit", WebUtility.HtmlDecode(await (await browser.GetAsync("/integrations")).Content.ReadAsStringAsync()));
    }

    private static async Task SetPauseAsync(HubWorld world, Guid id, DateTimeOffset until)
    {
        await using var db = TestDb.Create(world.ConnectionString, tenantId: null);
        await db.Connections.IgnoreQueryFilters().Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.RateLimitedUntil, until));
    }
}
