using System.Net;
using IntegrationHub.Poll;
using IntegrationHub.Tests.World;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Hooks;

/// <summary>
/// A connection's sync mode: webhooks and the poll (default), webhooks only, or the poll only. Changing it on the
/// Repositories page removes or registers the hub's hooks at the provider, and the poll leaves a webhooks-only connection.
/// </summary>
public sealed class SyncModeTests
{
    [Fact]
    public async Task Poll_only_removes_the_hooks_at_the_provider_and_going_back_registers_them_again()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        var (browser, c, _, hooks) = await CleanupWorkers.ConnectHookedAsync(world, 5, "sync-mode");
        Assert.Equal(5, hooks);
        Assert.Equal("hybrid", await world.TextAsync("SELECT sync_mode FROM connections WHERE id = $1", c.Id));

        var pollOnly = await SetAsync(browser, c.Id, "poll");

        Assert.Contains("Kept in sync by the 60-second poll only", Uri.UnescapeDataString(pollOnly));
        Assert.True(await HubWorld.EventuallyAsync(async () => (await world.SimHooksAsync("github")).Count == 0
            && (await CleanupWorkers.CountsAsync(world, c.Id)).Live == 0), "the hooks were not removed");
        Assert.Equal("poll", await world.TextAsync("SELECT sync_mode FROM connections WHERE id = $1", c.Id));
        Assert.Equal(1L, await world.CountAsync("SELECT count(*) FROM audit_log WHERE action = 'connection.sync_mode' AND detail = 'poll'"));
        string page = WebUtility.HtmlDecode(await browser.GetStringAsync($"/repositories?connection={c.Id}"));
        Assert.Contains("id=\"sync-mode\" data-mode=\"poll\"", page); // the mode in force, as the panel's radio group shows it
        Assert.Contains("data-webhooks-off=\"poll-only\"", await browser.GetStringAsync("/"));

        // Webhooks only wants the hooks back (and no poll).
        await SetAsync(browser, c.Id, "webhooks");

        Assert.True(await HubWorld.EventuallyAsync(async () => (await world.SimHooksAsync("github")).Count == 5
            && (await CleanupWorkers.CountsAsync(world, c.Id)).Registered == 5), "the hooks were not registered again");
        Assert.Equal(5, (await world.SimHooksAsync("github")).Select(h => (string)h!["repo"]!).Distinct().Count());
        Assert.Contains("data-poll-off=\"webhooks-only\"", await browser.GetStringAsync("/"));

        // Back to the default: the same hooks stand, and no hook work is planned for a change that wants the same hooks.
        long plans = await world.CountAsync("SELECT count(*) FROM " + JobRows.Table + " WHERE kind = 'sync_hooks'");
        await SetAsync(browser, c.Id, "hybrid");
        Assert.Equal(plans, await world.CountAsync("SELECT count(*) FROM " + JobRows.Table + " WHERE kind = 'sync_hooks'"));
        Assert.Equal(5, (await world.SimHooksAsync("github")).Count);
        Assert.Equal("hybrid", await world.TextAsync("SELECT sync_mode FROM connections WHERE id = $1", c.Id));
    }

    [Fact]
    public async Task The_poll_leaves_a_webhooks_only_connection_and_takes_it_back_in_the_default_mode()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { Tenant = "Sync" });
        var connection = await world.ConnectionAsync(world.TenantId);
        await world.RepositoryAsync(world.TenantId, connection, "acme/one", "1");
        await world.RepositoryAsync(world.TenantId, connection, "acme/two", "2");
        var scheduler = world.Hub.Services.GetRequiredService<PollScheduler>();
        await scheduler.SyncAsync(CancellationToken.None);
        Assert.Equal(2L, await world.CountAsync("SELECT count(*) FROM poll_state WHERE connection_id = $1", connection));
        await DueAsync(world);
        Assert.Equal(2, (await scheduler.ClaimAsync("node", 10, CancellationToken.None)).Count); // the default mode is polled

        await world.ExecAsync("UPDATE connections SET sync_mode = 'webhooks' WHERE id = $1", connection);
        await DueAsync(world);
        Assert.Empty(await scheduler.ClaimAsync("node", 10, CancellationToken.None)); // due, yet not claimed
        await scheduler.SyncAsync(CancellationToken.None);
        Assert.Equal(0L, await world.CountAsync("SELECT count(*) FROM poll_state WHERE connection_id = $1", connection));

        // The poll only is polled as the default is.
        await world.ExecAsync("UPDATE connections SET sync_mode = 'poll' WHERE id = $1", connection);
        await scheduler.SyncAsync(CancellationToken.None);
        Assert.Equal(2L, await world.CountAsync("SELECT count(*) FROM poll_state WHERE connection_id = $1", connection));
        await DueAsync(world);
        Assert.Equal(2, (await scheduler.ClaimAsync("node", 10, CancellationToken.None)).Count);
    }

    /// <summary>Every repository due now and not leased.</summary>
    private static Task DueAsync(HubWorld world) =>
        world.ExecAsync("UPDATE poll_state SET next_poll_at = now() - interval '1 minute', lease_until = NULL, leased_by = NULL");

    [Fact]
    public async Task An_unknown_mode_is_refused_and_changes_nothing()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");
        await world.ConnectPlatformAsync(browser, "github");
        var c = await world.SingleConnectionAsync();

        var response = await Forms.SubmitAsync(browser, $"/repositories?connection={c.Id}", null,
            new Dictionary<string, string> { ["connectionId"] = c.Id.ToString(), ["mode"] = "sometimes" }, "/repositories/sync-mode");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("hybrid", await world.TextAsync("SELECT sync_mode FROM connections WHERE id = $1", c.Id));
        Assert.Equal(0L, await world.CountAsync("SELECT count(*) FROM audit_log WHERE action = 'connection.sync_mode'"));
    }

    /// <summary>Posts the sync-mode form as the page would; returns where the hub redirected (with its notice).</summary>
    private static async Task<string> SetAsync(HttpClient browser, Guid connectionId, string mode)
    {
        var response = await Forms.SubmitAsync(browser, $"/repositories?connection={connectionId}", null,
            new Dictionary<string, string> { ["connectionId"] = connectionId.ToString(), ["mode"] = mode }, "/repositories/sync-mode");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.ToString();
    }
}
