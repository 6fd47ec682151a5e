using System.Net;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Team;

/// <summary>A signed-in person makes another tenant, owns it, works in it, and switches back to the first one's data only.</summary>
public sealed class AnotherTenantTests
{
    [Fact]
    public async Task Creates_a_tenant_owns_it_and_switching_back_shows_the_first_tenants_data_only()
    {
        await using var w = await HubWorld.StartAsync();
        var (alice, first) = await TeamSteps.OwnerAsync(w, "alice@a.test", "Tenant A");
        await w.ConnectionAsync(first, login: "first-tenant-account");

        var created = await Forms.SubmitAsync(alice, "/account/tenants/new", "create-tenant", new Dictionary<string, string> { ["Input.Name"] = "Side Project!" });
        var second = await w.ScalarAsync<Guid>("SELECT id FROM tenants WHERE name = 'Side Project!'");
        string home = await alice.GetStringAsync("/");
        string integrations = await alice.GetStringAsync("/integrations");
        await TeamSteps.SwitchAsync(alice, first);
        string back = await alice.GetStringAsync("/integrations");

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("side-project", await w.TextAsync("SELECT slug FROM tenants WHERE id = $1", second));
        Assert.Equal("owner", await TeamSteps.RoleAsync(w, second, "alice@a.test"));
        Assert.Equal("owner", await TeamSteps.RoleAsync(w, first, "alice@a.test"));
        Assert.Equal("Side Project!", PageText.H1(home));
        Assert.DoesNotContain("first-tenant-account", integrations);
        Assert.Contains("first-tenant-account", back);
        Assert.Equal("Tenant A", PageText.H1(await alice.GetStringAsync("/")));
        Assert.Equal(1L, await w.CountAsync("SELECT count(*) FROM audit_log WHERE action = 'tenant.created' AND tenant_id = $1 AND actor = 'alice@a.test'", second));
    }

    [Fact]
    public async Task A_tenant_needs_a_name_and_a_visitor_cannot_make_one()
    {
        await using var w = await HubWorld.StartAsync();
        var (alice, _) = await TeamSteps.OwnerAsync(w, "alice@a.test", "Tenant A");
        long tenants = await w.CountAsync("SELECT count(*) FROM tenants");

        var blank = await Forms.SubmitAsync(alice, "/account/tenants/new", "create-tenant", new Dictionary<string, string> { ["Input.Name"] = "  " });
        var visitor = await w.Browser().GetAsync("/account/tenants/new");

        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.Contains("tenant-error", await blank.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, visitor.StatusCode);
        Assert.Contains("/account/signin", visitor.Headers.Location!.OriginalString);
        Assert.Equal(tenants, await w.CountAsync("SELECT count(*) FROM tenants"));
    }
}
