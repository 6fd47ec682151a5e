using System.Net;
using IntegrationHub.Tests.World;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Tests.Foundation;

/// <summary>A user of tenant A tries to reach tenant B's rows through every way in: pages, actions and queries.</summary>
public sealed class TenantIsolationTests
{
    [Fact]
    public async Task User_of_one_tenant_cannot_switch_into_another()
    {
        await using var world = await HubWorld.StartAsync();
        var alice = world.Browser();
        await Forms.SignUpAsync(alice, "alice@a.test", "Tenant A");
        await Forms.SignUpAsync(world.Browser(), "bob@b.test", "Tenant B");
        Guid tenantB = await TenantIdAsync(world.Hub, "Tenant B");

        var response = await Forms.SubmitAsync(alice, "/", null, new Dictionary<string, string> { ["tenantId"] = tenantB.ToString() }, action: "/account/switch-tenant");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        string home = await (await alice.GetAsync("/")).Content.ReadAsStringAsync();
        Assert.Contains("Tenant A", home);
        Assert.DoesNotContain("Tenant B", home);
    }

    [Fact]
    public async Task Activity_page_shows_only_the_current_tenants_audit_trail()
    {
        await using var world = await HubWorld.StartAsync();
        var alice = world.Browser();
        await Forms.SignUpAsync(alice, "alice@a.test", "Tenant A");
        await Forms.SignUpAsync(world.Browser(), "bob@b.test", "Tenant B");

        string activity = await (await alice.GetAsync("/activity")).Content.ReadAsStringAsync();

        Assert.Contains("alice@a.test", activity);
        Assert.DoesNotContain("bob@b.test", activity);
    }

    [Fact]
    public async Task Admin_pages_answer_403_to_a_tenant_owner()
    {
        await using var world = await HubWorld.StartAsync();
        var alice = world.Browser();
        await Forms.SignUpAsync(alice, "alice@a.test", "Tenant A");

        Assert.Equal(HttpStatusCode.Forbidden, (await alice.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task A_member_of_two_tenants_switches_between_them()
    {
        await using var world = await HubWorld.StartAsync();
        var alice = world.Browser();
        await Forms.SignUpAsync(alice, "alice@a.test", "Tenant A");
        await Forms.SignUpAsync(world.Browser(), "bob@b.test", "Tenant B");
        Guid tenantB = await TenantIdAsync(world.Hub, "Tenant B");
        await using (var db = TestDb.Create(world.ConnectionString, tenantId: null))
        {
            var aliceId = await db.Users.Where(u => u.Email == "alice@a.test").Select(u => u.Id).SingleAsync();
            db.Memberships.Add(new() { TenantId = tenantB, UserId = aliceId, Role = "member", CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }

        var response = await Forms.SubmitAsync(alice, "/", null, new Dictionary<string, string> { ["tenantId"] = tenantB.ToString() }, action: "/account/switch-tenant");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        string home = await (await alice.GetAsync("/")).Content.ReadAsStringAsync();
        Assert.Equal("Tenant B", PageText.H1(home));
    }

    [Fact]
    public async Task Tenant_filter_hides_other_tenants_rows_and_shows_nothing_without_a_tenant()
    {
        await using var world = await HubWorld.StartAsync();
        await Forms.SignUpAsync(world.Browser(), "alice@a.test", "Tenant A");
        await Forms.SignUpAsync(world.Browser(), "bob@b.test", "Tenant B");
        Guid tenantA = await TenantIdAsync(world.Hub, "Tenant A");

        await using var asA = TestDb.Create(world.ConnectionString, tenantA);
        Assert.All(await asA.Memberships.ToListAsync(), m => Assert.Equal(tenantA, m.TenantId));
        Assert.Single(await asA.Memberships.ToListAsync());
        await using var noTenant = TestDb.Create(world.ConnectionString, tenantId: null);
        Assert.Empty(await noTenant.Memberships.ToListAsync());
        Assert.Equal(2, await noTenant.Memberships.IgnoreQueryFilters().CountAsync());
    }

    private static async Task<Guid> TenantIdAsync(HubFactory hub, string name)
    {
        await using var db = TestDb.Create(hub.ConnectionString, tenantId: null);
        return await db.Tenants.Where(t => t.Name == name).Select(t => t.Id).SingleAsync();
    }
}
