using System.Net;
using IntegrationHub.Admin;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Admin;

/// <summary>
/// The first platform administrator is made by a command an operator runs (<c>IntegrationHub.Web --grant-platform-admin</c>),
/// not by SQL; the person's next request sees it; the last administrator cannot be revoked; a bad input changes nothing.
/// </summary>
public sealed class PlatformAdminCommandTests
{
    [Fact]
    public async Task Granting_and_revoking_from_the_command_line_changes_who_reaches_the_admin_pages()
    {
        await using var world = await HubWorld.StartAsync();
        var ada = await world.SignedUpAsync("ada@ops.test", "Ada's team");
        var bo = await world.SignedUpAsync("bo@ops.test", "Bo's team");
        Assert.Equal(HttpStatusCode.Forbidden, (await ada.GetAsync("/admin")).StatusCode);

        var granted = await HostCommand.RunAsync("IntegrationHub.Web", world.Env(), PlatformAdminCommand.GrantFlag, "ada@ops.test");

        Assert.True(granted.ExitCode == 0, $"{granted.Output}\n{granted.Error}");
        Assert.Equal("ada@ops.test is now a platform administrator.", granted.Output.Trim());
        Assert.Equal(HttpStatusCode.OK, (await ada.GetAsync("/admin")).StatusCode); // the same session, its next request
        Assert.Equal(HttpStatusCode.Forbidden, (await bo.GetAsync("/admin")).StatusCode);
        var again = await HostCommand.RunAsync("IntegrationHub.Web", world.Env(), PlatformAdminCommand.GrantFlag, "ADA@ops.test");
        Assert.Equal("ADA@ops.test is already a platform administrator.", again.Output.Trim());
        Assert.Equal(1L, await world.CountAsync("SELECT count(*) FROM audit_log WHERE action = 'platform_admin.granted' AND target = 'ada@ops.test' AND tenant_id IS NULL"));

        // The last one stays: revoking Ada alone is refused; with Bo granted it goes through.
        var last = await HostCommand.RunAsync("IntegrationHub.Web", world.Env(), PlatformAdminCommand.RevokeFlag, "ada@ops.test");
        HostCommand.AssertOnePlainLine(last, "IntegrationHub.Web cannot revoke platform administration from ada@ops.test: it would leave no platform administrator");
        Assert.Equal(HttpStatusCode.OK, (await ada.GetAsync("/admin")).StatusCode);

        Assert.Equal(0, (await HostCommand.RunAsync("IntegrationHub.Web", world.Env(), PlatformAdminCommand.GrantFlag, "bo@ops.test")).ExitCode);
        var revoked = await HostCommand.RunAsync("IntegrationHub.Web", world.Env(), PlatformAdminCommand.RevokeFlag, "ada@ops.test");

        Assert.True(revoked.ExitCode == 0, $"{revoked.Output}\n{revoked.Error}");
        Assert.Equal("ada@ops.test is no longer a platform administrator.", revoked.Output.Trim());
        Assert.Equal(HttpStatusCode.Forbidden, (await ada.GetAsync("/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bo.GetAsync("/admin")).StatusCode);
        Assert.Equal("command line (IntegrationHub.Web)", await world.TextAsync("SELECT actor FROM audit_log WHERE action = 'platform_admin.revoked'"));
    }

    [Fact]
    public async Task An_unknown_address_or_none_is_refused_in_one_line_and_changes_nothing()
    {
        await using var world = await HubWorld.StartAsync();
        await world.SignedUpAsync("ada@ops.test", "Ada's team");

        var unknown = await HostCommand.RunAsync("IntegrationHub.Web", world.Env(), PlatformAdminCommand.GrantFlag, "nobody@ops.test");
        HostCommand.AssertOnePlainLine(unknown, "IntegrationHub.Web cannot grant platform administration: no account has the e-mail address nobody@ops.test");
        Assert.Contains("Nothing was changed.", unknown.Error);

        var missing = await HostCommand.RunAsync("IntegrationHub.Web", world.Env(), PlatformAdminCommand.GrantFlag);
        HostCommand.AssertOnePlainLine(missing, "IntegrationHub.Web --grant-platform-admin needs the person's e-mail address");

        Assert.Equal(0L, await world.CountAsync("SELECT count(*) FROM users WHERE is_platform_admin"));
        Assert.Equal(0L, await world.CountAsync("SELECT count(*) FROM audit_log WHERE action LIKE 'platform_admin.%'"));
    }
}
