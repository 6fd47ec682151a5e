using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using IntegrationHub.Tests.World;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Tests.Team;

/// <summary>Invitation links: shown once and logged once, single use, expiring, revocable, only for the invited e-mail.</summary>
public sealed class InvitationTests
{
    [Fact]
    public async Task A_visitor_signs_up_through_the_link_joins_as_member_and_no_tenant_is_made()
    {
        var logs = new LogCapture();
        // Every hub category at Trace: the link must still be in one line only. (ASP.NET Core's own request lines, at
        // Information under Microsoft.AspNetCore.Hosting, print paths; the README says to keep them at Warning.)
        await using var w = await HubWorld.StartAsync(new HubWorldOptions
        {
            Settings = new Dictionary<string, string?> { ["Logging:LogLevel:IntegrationHub"] = "Trace" },
            Services = s => s.AddSingleton<ILoggerProvider>(logs),
        });
        var (owner, tenantId) = await TeamSteps.OwnerAsync(w, "owner@a.test", "Tenant A");

        var (invited, link) = await TeamSteps.InviteAsync(owner, "Dana@A.test");
        Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
        Assert.Contains("no-store", invited.Headers.CacheControl?.ToString());
        Assert.NotNull(link);
        string token = link[(link.LastIndexOf('/') + 1)..];
        var visitor = w.Browser();
        string landing = await visitor.GetStringAsync(TeamSteps.PathOf(link));
        long tenants = await w.CountAsync("SELECT count(*) FROM tenants");

        var signedUp = await Forms.SubmitAsync(visitor, $"/account/signup?invitation={token}&email=dana%40a.test", "signup", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Dana", ["Input.Email"] = "dana@a.test", ["Input.Password"] = "correct-horse-battery", ["Input.Invitation"] = token,
        });
        var again = await w.Browser().GetAsync(TeamSteps.PathOf(link));

        Assert.Contains("invitation-signin", landing);
        Assert.Contains("email=dana%40a.test", landing);
        Assert.Contains("invitation-signup", landing);
        Assert.Equal(HttpStatusCode.Redirect, signedUp.StatusCode);
        Assert.Equal(tenants, await w.CountAsync("SELECT count(*) FROM tenants"));
        Assert.Equal("member", await TeamSteps.RoleAsync(w, tenantId, "dana@a.test"));
        Assert.Equal(1L, await w.CountAsync("SELECT count(*) FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = 'dana@a.test'"));
        Assert.Equal("Tenant A", PageText.H1(await visitor.GetStringAsync("/")));
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Contains("already been used", await again.Content.ReadAsStringAsync());
        // Only the hash is kept, and the link is in exactly one log line, which says why.
        byte[] hash = SHA256.HashData(Base64Url.DecodeFromChars(token));
        Assert.Equal(1L, await w.CountAsync("SELECT count(*) FROM invitations WHERE token_hash = $1 AND accepted_at IS NOT NULL", hash));
        Assert.Equal(0L, await w.CountAsync("SELECT count(*) FROM audit_log WHERE coalesce(detail, '') || coalesce(target, '') LIKE '%' || $1 || '%'", token));
        var lines = logs.Lines.Where(l => l.Contains(token)).ToList();
        Assert.Single(lines);
        Assert.Contains("no mail server configured", lines[0]);
        Assert.Equal(1L, await w.CountAsync("SELECT count(*) FROM audit_log WHERE action = 'invitation.created' AND target = 'dana@a.test'"));
        Assert.Equal(1L, await w.CountAsync("SELECT count(*) FROM audit_log WHERE action = 'invitation.accepted' AND tenant_id = $1", tenantId));
    }

    [Fact]
    public async Task A_signed_in_person_accepts_only_with_the_invited_email_in_any_case()
    {
        await using var w = await HubWorld.StartAsync();
        var (owner, tenantId) = await TeamSteps.OwnerAsync(w, "owner@a.test", "Tenant A");
        var (_, link) = await TeamSteps.InviteAsync(owner, "carol@c.test", "owner");
        string path = TeamSteps.PathOf(link!);
        var mallory = await w.SignedUpAsync("mallory@m.test", "Tenant M");
        var carol = await w.SignedUpAsync("CAROL@c.test", "Tenant C");

        var wrong = await mallory.GetAsync(path);
        string wrongPage = await wrong.Content.ReadAsStringAsync();
        var accepted = await Forms.SubmitAsync(carol, path, "accept-invitation", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Contains("This invitation is for carol@c.test", wrongPage);
        Assert.DoesNotContain("accept-invitation", wrongPage);
        Assert.Null(await TeamSteps.RoleAsync(w, tenantId, "mallory@m.test"));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal("owner", await TeamSteps.RoleAsync(w, tenantId, "CAROL@c.test"));
        Assert.Equal("Tenant A", PageText.H1(await carol.GetStringAsync("/")));
    }

    [Fact]
    public async Task Expired_revoked_and_unknown_links_say_which_and_change_nothing()
    {
        await using var w = await HubWorld.StartAsync();
        var (owner, tenantId) = await TeamSteps.OwnerAsync(w, "owner@a.test", "Tenant A");
        var (_, expiredLink) = await TeamSteps.InviteAsync(owner, "erin@e.test");
        var (_, revokedLink) = await TeamSteps.InviteAsync(owner, "erin@e.test");
        await w.ExecAsync("UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE token_hash = $1", HashOf(expiredLink!));
        var revokedId = await w.ScalarAsync<Guid>("SELECT id FROM invitations WHERE token_hash = $1", HashOf(revokedLink!));
        Assert.Equal(HttpStatusCode.Redirect,
            (await TeamSteps.PostAsync(owner, "/settings/members", "/settings/members/invitations/revoke", ("invitationId", revokedId.ToString()))).StatusCode);
        var erin = await w.SignedUpAsync("erin@e.test", "Tenant E");
        var before = await TeamSteps.FingerprintAsync(w);

        var expired = await erin.GetAsync(TeamSteps.PathOf(expiredLink!));
        var revoked = await erin.GetAsync(TeamSteps.PathOf(revokedLink!));
        var unknown = await erin.GetAsync("/invitations/" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)));
        var garbage = await erin.GetAsync("/invitations/not-a-token");
        var signUp = await Forms.SubmitAsync(w.Browser(), "/account/signup", "signup", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Erin", ["Input.Email"] = "erin2@e.test", ["Input.Password"] = "correct-horse-battery",
            ["Input.Invitation"] = expiredLink![(expiredLink!.LastIndexOf('/') + 1)..],
        });

        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("This invitation expired", await expired.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Gone, revoked.StatusCode);
        Assert.Contains("was revoked", await revoked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("There is nothing at this address", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, garbage.StatusCode);
        Assert.Contains("This invitation expired", await signUp.Content.ReadAsStringAsync());
        Assert.Equal(before, await TeamSteps.FingerprintAsync(w));
        Assert.Null(await TeamSteps.RoleAsync(w, tenantId, "erin@e.test"));
        Assert.Equal(1L, await w.CountAsync("SELECT count(*) FROM audit_log WHERE action = 'invitation.revoked' AND target = 'erin@e.test'"));
    }

    private static byte[] HashOf(string link) => SHA256.HashData(Base64Url.DecodeFromChars(link.AsSpan(link.LastIndexOf('/') + 1)));
}
