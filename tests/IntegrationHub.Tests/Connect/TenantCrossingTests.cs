using System.Net;
using IntegrationHub.Data;
using IntegrationHub.Tests.World;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Tests.Connect;

/// <summary>Another tenant's connection id in a connection URL or form finds nothing, and changes nothing.</summary>
public sealed class TenantCrossingTests
{
    [Fact]
    public async Task Reconnect_with_another_tenants_connection_id_is_not_found()
    {
        var (world, alice, mallory, victim) = await StartAsync();
        await using var owned = world;

        var reconnect = await Forms.SubmitAsync(mallory, "/integrations", null, new Dictionary<string, string> { ["connectionId"] = victim.Id.ToString() },
            action: "/integrations/connect/gitlab");

        Assert.Equal(HttpStatusCode.NotFound, reconnect.StatusCode);
        await AssertUnchangedAsync(world, victim);
        Assert.Single(await world.ConnectionsAsync());
        Assert.Contains("GitLab · demo", WebUtility.HtmlDecode(await (await alice.GetAsync("/integrations")).Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Disconnect_page_and_post_for_another_tenants_connection_find_nothing()
    {
        var (world, _, mallory, victim) = await StartAsync();
        await using var owned = world;

        using var opened = await mallory.GetAsync($"/integrations/{victim.Id}/disconnect");
        string page = await opened.Content.ReadAsStringAsync();
        var posted = await Forms.SubmitAsync(mallory, "/integrations", "disconnect", new Dictionary<string, string>(),
            action: $"/integrations/{victim.Id}/disconnect");

        Assert.Equal(HttpStatusCode.NotFound, opened.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.Contains("There is nothing at this address", page); // the not-found page, not a blank one
        Assert.DoesNotContain("GitLab · demo", WebUtility.HtmlDecode(page));
        Assert.DoesNotContain("Disconnected.", await posted.Content.ReadAsStringAsync());
        await AssertUnchangedAsync(world, victim);
        Assert.DoesNotContain("connection.disconnected", await world.AuditActionsAsync());
    }

    [Fact]
    public async Task Retry_cleanup_for_another_tenants_connection_is_not_found()
    {
        var (world, _, mallory, victim) = await StartAsync();
        await using var owned = world;
        // The victim's disconnect failed at the provider: the row keeps its secrets for a retry only its tenant may run.
        await using (var db = TestDb.Create(world.ConnectionString, tenantId: null))
        {
            await db.Connections.IgnoreQueryFilters().Where(c => c.Id == victim.Id).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Status, ConnectionStatus.Disconnected).SetProperty(c => c.CleanupStatus, "failed")
                .SetProperty(c => c.CleanupError, "The token could not be revoked at GitLab: 500"));
        }

        var retry = await Forms.SubmitAsync(mallory, "/integrations", null, new Dictionary<string, string>(), action: $"/integrations/{victim.Id}/retry-cleanup");

        Assert.Equal(HttpStatusCode.NotFound, retry.StatusCode);
        var after = await world.SingleConnectionAsync();
        Assert.Equal(("failed", victim.AccessTokenProtected, victim.RefreshTokenProtected), (after.CleanupStatus, after.AccessTokenProtected, after.RefreshTokenProtected));
        Assert.DoesNotContain("connection.cleanup_done", await world.AuditActionsAsync());
    }

    /// <summary>Alice (tenant A) has a GitLab connection; Mallory (tenant B) is signed in with no connection of her own.</summary>
    private static async Task<(HubWorld World, HttpClient Alice, HttpClient Mallory, Connection Victim)> StartAsync()
    {
        var world = await HubWorld.StartAsync(PlatformApps.Options());
        var alice = await world.SignedUpAsync("alice@a.test", "Tenant A");
        Assert.StartsWith("/integrations?connected=", await world.ConnectPlatformAsync(alice, "gitlab"));
        var mallory = await world.SignedUpAsync("mallory@b.test", "Tenant B");
        return (world, alice, mallory, await world.SingleConnectionAsync());
    }

    private static async Task AssertUnchangedAsync(HubWorld world, Connection before)
    {
        var after = await world.SingleConnectionAsync();
        Assert.Equal((before.Id, before.TenantId, ConnectionStatus.Active, before.AccessTokenProtected, before.RefreshTokenProtected, before.CleanupStatus),
            (after.Id, after.TenantId, after.Status, after.AccessTokenProtected, after.RefreshTokenProtected, after.CleanupStatus));
        Assert.Equal(before.UpdatedAt, after.UpdatedAt);
    }
}
