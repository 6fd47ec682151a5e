using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Data;
using IntegrationHub.Secrets;
using IntegrationHub.Tests.World;
using IntegrationHub.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Connect;

/// <summary>
/// Disconnecting a large connection returns at once; a worker removes the webhooks in the background, waits out the
/// provider's rate limit, survives a node dying, and revokes the token only after the last webhook is gone.
/// </summary>
public sealed class DisconnectCleanupTests
{
    [Fact]
    public async Task Disconnect_of_hundreds_of_hooks_under_a_rate_limit_finishes_after_the_reset_and_revokes_the_token_last()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        var calls = new ConcurrentQueue<string>();
        var (browser, c, worker, hooks) = await CleanupWorkers.ConnectHookedAsync(world, 200, "cleanup-limited", calls);
        string token = world.Hub.Services.GetRequiredService<ISecretProtector>().Unprotect(c.AccessTokenProtected!);
        // GitHub's secondary limit: 403 with Retry-After for every call, until the fault is lifted.
        await FaultAsync(world, new { rateLimit = "secondary", rateLimitStatus = 403, retryAfterSeconds = 10 });
        int before = calls.Count;

        var posted = await CleanupPosts.DisconnectAsync(browser, c.Id);

        // The post made no provider call; the page it redirects to shows the clean-up under way, live on its circuit
        // (ProgressBrowserTests watches it reach the end without a reload).
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        string page = WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync());
        Assert.Contains($"Disconnected. Removing {hooks} webhook(s) at the provider", page);
        Assert.Contains("data-cleanup=\"pending\"", page);
        Assert.Contains("\"type\":\"server\"", page); // the interactive server component's marker
        Assert.Equal(ConnectionStatus.Disconnected, (await world.SingleConnectionAsync()).Status);
        Assert.True(await HubWorld.EventuallyAsync(async () => (await world.SingleConnectionAsync()).RateLimitedUntil is not null), "the pause was not recorded");
        string list = WebUtility.HtmlDecode(await (await browser.GetAsync("/integrations")).Content.ReadAsStringAsync());
        Assert.Contains("Clean-up in progress: removing", list);
        Assert.Contains("Paused by the provider's rate limit until", list);
        int duringLimit = calls.Count - before;
        await FaultAsync(world, null);

        // Refused calls stopped at the first limit (a few were in flight); nearly every hook was still there to remove.
        Assert.InRange(duringLimit, 1, 4);
        Assert.True(await HubWorld.EventuallyAsync(async () => (await world.SingleConnectionAsync()).CleanupStatus == "done", seconds: 240),
            "the clean-up did not finish after the reset");
        var done = await world.SingleConnectionAsync();
        Assert.Null(done.AccessTokenProtected);
        Assert.Null(done.CleanupError);
        Assert.Equal(0, (await CleanupWorkers.CountsAsync(world, c.Id)).Live);
        Assert.Empty(JsonNode.Parse(await world.Sim.GetStringAsync("/_sim/hooks?provider=github"))!.AsArray());
        Assert.Equal(HttpStatusCode.Unauthorized, (await ConnectFlowTests.SimUserAsync(world, "github", token)).StatusCode);
        var order = calls.ToList();
        int revokedAt = order.FindLastIndex(x => x.StartsWith("DELETE ", StringComparison.Ordinal) && x.EndsWith("/token", StringComparison.Ordinal));
        int lastHookAt = order.FindLastIndex(x => x.StartsWith("DELETE ", StringComparison.Ordinal) && x.Contains("/hooks/", StringComparison.Ordinal));
        Assert.True(revokedAt > lastHookAt && lastHookAt > 0, $"token revoked at call {revokedAt}, last hook removed at call {lastHookAt}");
        Assert.Contains("Disconnected. The webhooks the hub registered were removed", WebUtility.HtmlDecode(
            await (await browser.GetAsync($"/integrations/{c.Id}/disconnect")).Content.ReadAsStringAsync()));
        await world.StopWorkerAsync(worker);
    }

    [Fact]
    public async Task Disconnect_whose_worker_dies_mid_removal_is_finished_by_another_node()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        var (browser, c, first, hooks) = await CleanupWorkers.ConnectHookedAsync(world, 150, "cleanup-dies");
        await FaultAsync(world, new { latencyMs = 150 });

        var posted = await CleanupPosts.DisconnectAsync(browser, c.Id);
        string pending = await posted.Content.ReadAsStringAsync();
        Assert.Contains("id=\"disconnect-pending\"", pending);
        Assert.Matches(@"Disconnected\. Removing \d+ webhook\(s\) at the provider", pending); // the worker may have begun already
        Assert.True(await HubWorld.EventuallyAsync(async () => (await CleanupWorkers.CountsAsync(world, c.Id)).Live <= hooks - 5),
            "the first node removed nothing");
        await world.StopWorkerAsync(first);

        long left = (await CleanupWorkers.CountsAsync(world, c.Id)).Live;
        Assert.InRange(left, 1, hooks - 5);
        Assert.Equal("pending", (await world.SingleConnectionAsync()).CleanupStatus);
        Assert.NotNull((await world.SingleConnectionAsync()).AccessTokenProtected);
        // A stopped node hands its running job back to the queue at once (a killed one after its invisibility timeout,
        // see the two-process tests); the next node takes it from there.
        await FaultAsync(world, null);
        var second = await CleanupWorkers.StartAsync(world, "cleanup-takes-over");

        Assert.True(await HubWorld.EventuallyAsync(async () => (await world.SingleConnectionAsync()).CleanupStatus == "done", seconds: 240),
            "the second node did not finish the clean-up");
        Assert.Null((await world.SingleConnectionAsync()).AccessTokenProtected);
        Assert.Empty(JsonNode.Parse(await world.Sim.GetStringAsync("/_sim/hooks?provider=github"))!.AsArray());
        string page = WebUtility.HtmlDecode(await (await browser.GetAsync($"/integrations/{c.Id}/disconnect")).Content.ReadAsStringAsync());
        Assert.Contains("id=\"disconnect-done\"", page);
        Assert.DoesNotContain("http-equiv=\"refresh\"", page);
        await world.StopWorkerAsync(second);
    }

    private static async Task FaultAsync(HubWorld world, object? settings)
    {
        using var response = settings is null
            ? await world.Sim.DeleteAsync("/_sim/faults/github")
            : await world.Sim.PutAsJsonAsync("/_sim/faults/github", settings);
        response.EnsureSuccessStatusCode();
    }
}
