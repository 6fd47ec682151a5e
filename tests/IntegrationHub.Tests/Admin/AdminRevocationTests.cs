using System.Net;
using IntegrationHub.Data;
using IntegrationHub.Tests.World;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Tests.Admin;

/// <summary>Platform admins see and revoke every tenant's connections; everyone else gets 403 on every admin URL and action.</summary>
public sealed class AdminRevocationTests
{
    [Fact]
    public async Task Non_admins_get_403_on_every_admin_page_and_action()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        var owner = await world.SignedUpAsync("ada@a.test", "Tenant A");
        await world.ConnectPlatformAsync(owner, "gitlab");
        var c = await world.SingleConnectionAsync();

        foreach (string url in new[] { "/admin", "/admin/connections", "/admin/connections?provider=gitlab", $"/admin/connections/{c.Id}/revoke" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await owner.GetAsync(url)).StatusCode);
        }

        // The revoke action itself, posted with a valid antiforgery token taken from a page the owner may see.
        var post = await Forms.SubmitAsync(owner, "/integrations", "revoke", new Dictionary<string, string> { ["reason"] = "mine now" },
            action: $"/admin/connections/{c.Id}/revoke");
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        var retry = await Forms.SubmitAsync(owner, "/integrations", "retry", new Dictionary<string, string>(), action: $"/admin/connections/{c.Id}/revoke");
        Assert.Equal(HttpStatusCode.Forbidden, retry.StatusCode);
        Assert.Equal(ConnectionStatus.Active, (await world.SingleConnectionAsync()).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await world.Browser().GetAsync("/admin/connections")).StatusCode); // anonymous: sign in first
    }

    [Fact]
    public async Task Admin_filters_every_tenants_connections_and_revokes_one_which_the_tenant_sees_with_the_reason()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        var alice = await world.SignedUpAsync("alice@a.test", "Acme Corp");
        await world.ConnectPlatformAsync(alice, "gitlab");
        var bob = await world.SignedUpAsync("bob@b.test", "Beta Ltd");
        await world.ConnectPlatformAsync(bob, "github");
        var admin = await world.SignedUpAsync("root@ops.test", "Operations");
        await using (var db = TestDb.Create(world.ConnectionString, tenantId: null))
        {
            await db.Users.Where(u => u.Email == "root@ops.test").ExecuteUpdateAsync(s => s.SetProperty(u => u.IsPlatformAdmin, true));
        }

        string all = await (await admin.GetAsync("/admin/connections")).Content.ReadAsStringAsync();
        Assert.Contains("Acme Corp", all);
        Assert.Contains("Beta Ltd", all);
        string filtered = await (await admin.GetAsync("/admin/connections?tenant=acme&provider=gitlab&status=active")).Content.ReadAsStringAsync();
        Assert.Contains("Acme Corp", filtered);
        Assert.DoesNotContain("Beta Ltd", filtered);
        Assert.Contains("No connection matches", await (await admin.GetAsync("/admin/connections?tenant=acme&provider=github")).Content.ReadAsStringAsync());

        var acme = (await world.ConnectionsAsync()).Single(c => c.Provider == "gitlab");
        var blank = await Forms.SubmitAsync(admin, $"/admin/connections/{acme.Id}/revoke", null, new Dictionary<string, string> { ["reason"] = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.Contains("Give a reason: the tenant will see it.", await blank.Content.ReadAsStringAsync());
        Assert.Equal(ConnectionStatus.Active, (await world.ConnectionsAsync()).Single(c => c.Id == acme.Id).Status);
        var revoked = await CleanupPosts.RevokeAsync(admin, acme.Id, "Token leaked in a support ticket");

        Assert.Contains("Revoked.", await revoked.Content.ReadAsStringAsync());
        // A second revoke (another admin, a retried script) changes nothing: the tenant keeps the first reason.
        Assert.Equal(HttpStatusCode.OK, (await CleanupPosts.RevokeAsync(admin, acme.Id, "A second opinion")).StatusCode);
        var after = (await world.ConnectionsAsync()).Single(c => c.Id == acme.Id);
        Assert.Equal((ConnectionStatus.Revoked, "done"), (after.Status, after.CleanupStatus));
        Assert.Null(after.AccessTokenProtected);
        string tenantView = await (await alice.GetAsync("/integrations")).Content.ReadAsStringAsync();
        Assert.Contains("Revoked by an administrator. Reason: Token leaked in a support ticket", tenantView);
        Assert.Equal(ConnectionStatus.Active, (await world.ConnectionsAsync()).Single(c => c.Provider == "github").Status);
        Assert.Single(await world.AuditActionsAsync(), a => a == "connection.revoked");
        Assert.Contains("connection.revoked", await (await admin.GetAsync("/admin")).Content.ReadAsStringAsync());
    }
}
