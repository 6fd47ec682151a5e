using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Data;
using IntegrationHub.Tests.Connect;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Admin;

/// <summary>An administrator's revoke of a hooked connection takes effect at once; a worker removes the webhooks after.</summary>
public sealed class AdminRevokeCleanupTests
{
    [Fact]
    public async Task Revoke_of_a_hooked_connection_shows_the_removal_in_progress_and_then_done_with_every_hook_gone()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        var (tenant, c, worker, hooks) = await CleanupWorkers.ConnectHookedAsync(world, 30, "revoke-cleanup");
        var admin = await world.SignedUpAdminAsync();
        await world.StopWorkerAsync(worker); // no node yet: the page shows the removal before any of it happens

        string html = WebUtility.HtmlDecode(await AdminSetup.RevokeAsync(admin, c.Id, "Token leaked in a support ticket"));

        Assert.Contains($"Revoked. Removing {hooks} webhook(s) at the provider", html);
        Assert.Equal(ConnectionStatus.Revoked, (await world.SingleConnectionAsync()).Status);
        Assert.Contains("Revoked by an administrator. Reason: Token leaked in a support ticket",
            WebUtility.HtmlDecode(await (await tenant.GetAsync("/integrations")).Content.ReadAsStringAsync()));
        worker = await CleanupWorkers.StartAsync(world, "revoke-cleanup-2");
        Assert.True(await HubWorld.EventuallyAsync(async () => (await world.SingleConnectionAsync()).CleanupStatus == "done", seconds: 120),
            "the clean-up did not finish");
        Assert.Null((await world.SingleConnectionAsync()).AccessTokenProtected);
        Assert.Empty(JsonNode.Parse(await world.Sim.GetStringAsync("/_sim/hooks?provider=github"))!.AsArray());
        string after = WebUtility.HtmlDecode(await (await admin.GetAsync($"/admin/connections/{c.Id}/revoke")).Content.ReadAsStringAsync());
        Assert.Contains("Revoked. The tenant sees it as revoked by an administrator", after);
        Assert.Contains("connection.cleanup_done", await world.AuditActionsAsync());
        await world.StopWorkerAsync(worker);
    }
}
