using System.Net;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Team;

/// <summary>/settings/members: the list, role changes and removals, and the tenant's last owner.</summary>
public sealed class MembersPageTests
{
    [Fact]
    public async Task Lists_members_and_pending_invitations_and_a_member_sees_them_without_controls()
    {
        await using var w = await HubWorld.StartAsync();
        var (owner, tenantId) = await TeamSteps.OwnerAsync(w, "owner@a.test", "Tenant A");
        var member = await TeamSteps.MemberAsync(w, "member@a.test", tenantId);
        await TeamSteps.InviteAsync(owner, "dana@a.test", "owner");

        string ownerView = await owner.GetStringAsync("/settings/members");
        string memberView = await member.GetStringAsync("/settings/members");

        Assert.Contains("owner@a.test", ownerView);
        Assert.Contains("member@a.test", ownerView);
        Assert.Contains("dana@a.test", ownerView);
        // The owner's controls are buttons on the page's circuit (they call MembersService): named per member.
        Assert.Contains("aria-label=\"Remove member@a.test from the tenant\"", ownerView);
        Assert.Contains("aria-label=\"Revoke the invitation of dana@a.test\"", ownerView);
        Assert.Contains("invite-member", ownerView);
        Assert.Contains("dana@a.test", memberView);
        Assert.Contains("owners-only", memberView);
        Assert.DoesNotContain("Remove member@a.test from the tenant", memberView);
        Assert.DoesNotContain("Revoke the invitation of", memberView);
        Assert.DoesNotContain("Make owner", memberView);
        Assert.DoesNotContain("invite-member", memberView);
        Assert.DoesNotContain("/invitations/", memberView); // the link was shown once, to the owner who made it
    }

    [Fact]
    public async Task Owner_promotes_and_demotes_but_the_last_owner_stays()
    {
        await using var w = await HubWorld.StartAsync();
        var (owner, tenantId) = await TeamSteps.OwnerAsync(w, "owner@a.test", "Tenant A");
        await TeamSteps.MemberAsync(w, "member@a.test", tenantId);
        var ownerId = await TeamSteps.UserIdAsync(w, "owner@a.test");
        var memberId = await TeamSteps.UserIdAsync(w, "member@a.test");

        var demoteSelf = await Role(owner, ownerId, "member");
        var removeSelf = await Remove(owner, ownerId);
        string refusal = await owner.GetStringAsync(demoteSelf.Headers.Location!.OriginalString);
        Assert.Equal("owner", await TeamSteps.RoleAsync(w, tenantId, "owner@a.test"));

        var promote = await Role(owner, memberId, "owner");
        Assert.Equal("owner", await TeamSteps.RoleAsync(w, tenantId, "member@a.test"));
        var demoteSelfNow = await Role(owner, ownerId, "member");

        Assert.Contains("error=", demoteSelf.Headers.Location!.OriginalString);
        Assert.Contains("error=", removeSelf.Headers.Location!.OriginalString);
        Assert.Contains("A tenant needs at least one owner", refusal);
        Assert.Contains("notice=", promote.Headers.Location!.OriginalString);
        Assert.Contains("notice=", demoteSelfNow.Headers.Location!.OriginalString);
        Assert.Equal("member", await TeamSteps.RoleAsync(w, tenantId, "owner@a.test"));
        Assert.Equal(2L, await w.CountAsync("SELECT count(*) FROM audit_log WHERE action = 'member.role_changed' AND tenant_id = $1", tenantId));
        // Now a member, the former owner is refused the next change.
        Assert.Equal(HttpStatusCode.Forbidden, (await Remove(owner, memberId)).StatusCode);
    }

    [Fact]
    public async Task Two_owners_demoting_each_other_at_once_leave_one_owner()
    {
        await using var w = await HubWorld.StartAsync();
        var (alice, tenantId) = await TeamSteps.OwnerAsync(w, "alice@a.test", "Tenant A");
        var bob = await TeamSteps.MemberAsync(w, "bob@a.test", tenantId);
        var aliceId = await TeamSteps.UserIdAsync(w, "alice@a.test");
        var bobId = await TeamSteps.UserIdAsync(w, "bob@a.test");

        for (int round = 0; round < 5; round++)
        {
            await w.ExecAsync("UPDATE memberships SET role = 'owner' WHERE tenant_id = $1", tenantId);
            var results = await Task.WhenAll(Role(alice, bobId, "member"), Role(bob, aliceId, "member"));

            Assert.Equal(1L, await w.CountAsync("SELECT count(*) FROM memberships WHERE tenant_id = $1 AND role = 'owner'", tenantId));
            Assert.Single(results, r => r.Headers.Location?.OriginalString.Contains("notice=") == true);
        }
    }

    [Fact]
    public async Task A_removed_member_loses_the_tenant_on_the_next_request()
    {
        await using var w = await HubWorld.StartAsync();
        var (owner, tenantId) = await TeamSteps.OwnerAsync(w, "owner@a.test", "Tenant A");
        var connectionId = await w.ConnectionAsync(tenantId, login: "tenant-a-account");
        var member = await TeamSteps.MemberAsync(w, "member@a.test", tenantId);
        Assert.Contains("tenant-a-account", await member.GetStringAsync("/integrations"));

        var removed = await Remove(owner, await TeamSteps.UserIdAsync(w, "member@a.test"));

        Assert.Contains("notice=", removed.Headers.Location!.OriginalString);
        Assert.Null(await TeamSteps.RoleAsync(w, tenantId, "member@a.test"));
        Assert.DoesNotContain("tenant-a-account", await member.GetStringAsync("/integrations"));
        Assert.NotEqual("Tenant A", PageText.H1(await member.GetStringAsync("/")));
        using var gone = await member.GetAsync($"/integrations/{connectionId}/disconnect");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Contains("There is nothing at this address", await gone.Content.ReadAsStringAsync());
        Assert.Equal(1L, await w.CountAsync("SELECT count(*) FROM audit_log WHERE action = 'member.removed' AND target = 'member@a.test'"));
    }

    private static Task<HttpResponseMessage> Role(HttpClient browser, Guid userId, string role) =>
        TeamSteps.PostAsync(browser, "/settings/members", "/settings/members/role", ("userId", userId.ToString()), ("role", role));

    private static Task<HttpResponseMessage> Remove(HttpClient browser, Guid userId) =>
        TeamSteps.PostAsync(browser, "/settings/members", "/settings/members/remove", ("userId", userId.ToString()));
}
