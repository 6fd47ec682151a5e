using System.Net;
using IntegrationHub.Connect;
using IntegrationHub.Data;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Admin;

/// <summary>An administrator's revocation stands: the tenant can neither reconnect the account nor hide it as disconnected.</summary>
public sealed class RevocationStandsTests
{
    private const string Reason = "Token leaked in a support ticket";

    [Fact]
    public async Task Reconnecting_a_revoked_OAuth_account_is_refused_and_the_revocation_stays()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        var alice = await world.SignedUpAsync("alice@a.test", "Acme Corp");
        await world.ConnectPlatformAsync(alice, "gitlab");
        var c = await world.SingleConnectionAsync();
        await AdminSetup.RevokeAsync(await world.SignedUpAdminAsync(), c.Id, Reason);
        var revoked = await world.SingleConnectionAsync();

        // Reconnect of the stored row, posted by hand (the page shows no Reconnect button for it).
        var reconnect = await Forms.SubmitAsync(alice, "/integrations", null, new Dictionary<string, string> { ["connectionId"] = c.Id.ToString() },
            action: "/integrations/connect/gitlab");
        Assert.Equal(HttpStatusCode.Redirect, reconnect.StatusCode);
        string refusedAt = reconnect.Headers.Location!.ToString();
        Assert.Contains("error=" + ConnectErrors.Revoked, refusedAt);
        Assert.Contains($"revoked by an administrator: {Reason}", WebUtility.HtmlDecode(await (await alice.GetAsync(refusedAt)).Content.ReadAsStringAsync()));

        // A fresh connect of the same account on the platform app goes all the way through the provider, and is refused.
        string next = await world.ConnectPlatformAsync(alice, "gitlab");

        Assert.Contains("error=" + ConnectErrors.Revoked, next);
        Assert.Contains($"revoked by an administrator: {Reason}", WebUtility.HtmlDecode(await (await alice.GetAsync(next)).Content.ReadAsStringAsync()));
        var after = await world.SingleConnectionAsync();
        Assert.Equal((ConnectionStatus.Revoked, Reason, revoked.RevokedBy), (after.Status, after.RevokedReason, after.RevokedBy));
        Assert.NotNull(after.RevokedBy);
        Assert.Null(after.AccessTokenProtected);
        Assert.Null(after.RefreshTokenProtected);
        Assert.Contains("connection.connect_refused", await world.AuditActionsAsync());
        Assert.DoesNotContain("connection.reconnected", await world.AuditActionsAsync());
    }

    [Fact]
    public async Task Resubmitting_the_PAT_of_a_revoked_Azure_DevOps_connection_is_refused_in_plain_words()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        await world.ControlAsync("seed", new { provider = "azure-devops", owners = 1, reposPerOwner = 1, organization = "demo-org" });
        var alice = await world.SignedUpAsync("alice@a.test", "Acme Corp");
        var fields = new Dictionary<string, string>
        {
            ["Input.OrganizationUrl"] = $"{world.SimUrl}/azure-devops/demo-org", ["Input.Pat"] = "ado-demo-personal-token",
        };
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SubmitAsync(alice, "/integrations/azure-devops", "azure-devops", fields)).StatusCode);
        var c = await world.SingleConnectionAsync();
        await AdminSetup.RevokeAsync(await world.SignedUpAdminAsync(), c.Id, Reason);

        var again = await Forms.SubmitAsync(alice, "/integrations/azure-devops", "azure-devops", fields);

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains($"revoked by an administrator: {Reason}", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()));
        var after = await world.SingleConnectionAsync();
        Assert.Equal((ConnectionStatus.Revoked, Reason), (after.Status, after.RevokedReason));
        Assert.Null(after.AccessTokenProtected);
    }

    [Fact]
    public async Task Tenant_cannot_disconnect_a_revoked_connection_to_hide_it()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        var alice = await world.SignedUpAsync("alice@a.test", "Acme Corp");
        await world.ConnectPlatformAsync(alice, "github");
        var c = await world.SingleConnectionAsync();
        await AdminSetup.RevokeAsync(await world.SignedUpAdminAsync(), c.Id, Reason);

        string confirm = WebUtility.HtmlDecode(await (await alice.GetAsync($"/integrations/{c.Id}/disconnect")).Content.ReadAsStringAsync());
        Assert.Contains($"revoked by an administrator: {Reason}", confirm);
        Assert.DoesNotContain("confirm-disconnect", confirm);
        var posted = await Forms.SubmitAsync(alice, "/integrations", "disconnect", new Dictionary<string, string>(), action: $"/integrations/{c.Id}/disconnect");

        Assert.Equal(HttpStatusCode.Conflict, posted.StatusCode);
        Assert.DoesNotContain("Disconnected.", await posted.Content.ReadAsStringAsync());
        var after = await world.SingleConnectionAsync();
        Assert.Equal((ConnectionStatus.Revoked, Reason), (after.Status, after.RevokedReason));
        Assert.DoesNotContain("connection.disconnected", await world.AuditActionsAsync());
        Assert.Contains($"Revoked by an administrator. Reason: {Reason}", WebUtility.HtmlDecode(await (await alice.GetAsync("/integrations")).Content.ReadAsStringAsync()));
    }
}
