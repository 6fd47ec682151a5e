using System.Net;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Team;

/// <summary>An owner of tenant A reaches nothing of tenant B's people; a link of B joins B, and only for its e-mail.</summary>
public sealed class CrossTenantTeamTests
{
    [Fact]
    public async Task Owner_of_A_posting_B_ids_changes_nothing_in_B()
    {
        await using var w = await HubWorld.StartAsync();
        var (alice, tenantA) = await TeamSteps.OwnerAsync(w, "alice@a.test", "Tenant A");
        var (bob, tenantB) = await TeamSteps.OwnerAsync(w, "bob@b.test", "Tenant B");
        await TeamSteps.MemberAsync(w, "carol@b.test", tenantB);
        await TeamSteps.InviteAsync(bob, "dave@b.test");
        var bobId = await TeamSteps.UserIdAsync(w, "bob@b.test");
        var carolId = await TeamSteps.UserIdAsync(w, "carol@b.test");
        var invitationB = await w.ScalarAsync<Guid>("SELECT id FROM invitations WHERE tenant_id = $1", tenantB);
        var before = await TeamSteps.FingerprintAsync(w);

        var role = await TeamSteps.PostAsync(alice, "/settings/members", "/settings/members/role", ("userId", carolId.ToString()), ("role", "owner"));
        var demote = await TeamSteps.PostAsync(alice, "/settings/members", "/settings/members/role", ("userId", bobId.ToString()), ("role", "member"));
        var remove = await TeamSteps.PostAsync(alice, "/settings/members", "/settings/members/remove", ("userId", bobId.ToString()));
        var revoke = await TeamSteps.PostAsync(alice, "/settings/members", "/settings/members/invitations/revoke", ("invitationId", invitationB.ToString()));

        Assert.All([role, demote, remove, revoke], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal(before, await TeamSteps.FingerprintAsync(w));

        // An invitation posted with B's id in the form is made in A, the tenant of the cookie: the form names no tenant.
        var (invite, _) = await TeamSteps.InviteAsync(alice, "eve@e.test", "owner", ("tenantId", tenantB.ToString()), ("Input.TenantId", tenantB.ToString()));
        Assert.Equal(HttpStatusCode.OK, invite.StatusCode);
        Assert.Equal(tenantA, await w.ScalarAsync<Guid>("SELECT tenant_id FROM invitations WHERE email = 'eve@e.test'"));
    }

    [Fact]
    public async Task A_link_of_B_joins_B_only_and_only_for_its_email()
    {
        await using var w = await HubWorld.StartAsync();
        var (alice, tenantA) = await TeamSteps.OwnerAsync(w, "alice@a.test", "Tenant A");
        var (bob, tenantB) = await TeamSteps.OwnerAsync(w, "bob@b.test", "Tenant B");
        var (_, forAlice) = await TeamSteps.InviteAsync(bob, "alice@a.test");
        var (_, forSomeoneElse) = await TeamSteps.InviteAsync(bob, "zoe@b.test", "owner");

        var refused = await alice.GetAsync(TeamSteps.PathOf(forSomeoneElse!));
        var joined = await Forms.SubmitAsync(alice, TeamSteps.PathOf(forAlice!), "accept-invitation", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("This invitation is for zoe@b.test", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.Equal("member", await TeamSteps.RoleAsync(w, tenantB, "alice@a.test"));
        Assert.Equal("owner", await TeamSteps.RoleAsync(w, tenantA, "alice@a.test"));
        Assert.Equal(1L, await w.CountAsync("SELECT count(*) FROM memberships WHERE tenant_id = $1", tenantA));
        Assert.Equal(1L, await w.CountAsync("SELECT count(*) FROM invitations WHERE email = 'zoe@b.test' AND accepted_at IS NULL"));
        Assert.Equal("Tenant B", PageText.H1(await alice.GetStringAsync("/")));
    }
}
