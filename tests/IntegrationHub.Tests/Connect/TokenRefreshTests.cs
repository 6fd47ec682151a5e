using System.Diagnostics;
using IntegrationHub.Data;
using IntegrationHub.Hosting;
using IntegrationHub.ProviderAccess;
using IntegrationHub.Providers.Api;
using IntegrationHub.Secrets;
using IntegrationHub.Tests.World;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Connect;

/// <summary>Tokens are refreshed ahead of expiry and after a 401, one node at a time; a refused refresh asks for a reconnect.</summary>
public sealed class TokenRefreshTests
{
    [Fact]
    public async Task Token_is_refreshed_ahead_of_expiry_and_keeps_working()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options() with { ManualClock = true });
        var clock = world.Clock!;
        await world.ConnectPlatformAsync(await world.SignedUpAsync("ada@a.test", "Tenant A"), "gitlab");
        var before = await world.SingleConnectionAsync();

        clock.Advance(TimeSpan.FromMinutes(116)); // 4 minutes before the 2-hour expiry
        var user = await (await world.Hub.Services.GetRequiredService<IConnectionApis>().ForAsync(before, CancellationToken.None)).GetCurrentUserAsync(CancellationToken.None);

        Assert.Equal("demo", user.Login);
        var after = await world.SingleConnectionAsync();
        Assert.NotEqual(before.AccessTokenProtected, after.AccessTokenProtected);
        Assert.NotEqual(before.RefreshTokenProtected, after.RefreshTokenProtected);
        Assert.NotNull(after.TokenRefreshedAt);
    }

    [Fact]
    public async Task A_401_refreshes_once_and_repeats_the_call()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        await world.ConnectPlatformAsync(await world.SignedUpAsync("ada@a.test", "Tenant A"), "gitlab");
        var c = await world.SingleConnectionAsync();
        c.AccessTokenProtected = world.Hub.Services.GetRequiredService<ISecretProtector>().Protect("glo-no-longer-valid");
        await SaveAsync(world, c);

        var user = await (await world.Hub.Services.GetRequiredService<IConnectionApis>().ForAsync(c, CancellationToken.None)).GetCurrentUserAsync(CancellationToken.None);

        Assert.Equal("demo", user.Login);
        Assert.Equal(ConnectionStatus.Active, (await world.SingleConnectionAsync()).Status);
    }

    [Fact]
    public async Task Invalid_grant_marks_the_connection_needs_reauthorization_audits_it_and_offers_reconnect()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");
        await world.ConnectPlatformAsync(browser, "gitlab");
        var c = await world.SingleConnectionAsync();
        var protector = world.Hub.Services.GetRequiredService<ISecretProtector>();
        c.RefreshTokenProtected = protector.Protect("r-spent-or-revoked");
        c.AccessTokenProtected = protector.Protect("glo-expired");
        await SaveAsync(world, c);

        var api = await world.Hub.Services.GetRequiredService<IConnectionApis>().ForAsync(c, CancellationToken.None);
        var ex = await Assert.ThrowsAsync<ProviderApiException>(() => api.GetCurrentUserAsync(CancellationToken.None));

        Assert.Equal(ProviderApiErrorKind.Unauthorized, ex.Kind);
        Assert.Equal(ConnectionStatus.NeedsReauthorization, (await world.SingleConnectionAsync()).Status);
        Assert.Contains("connection.needs_reauthorization", await world.AuditActionsAsync());
        string page = await (await browser.GetAsync("/integrations")).Content.ReadAsStringAsync();
        Assert.Contains("needs reauthorization", page);
        Assert.Contains("Reconnect", page);

        var authorize = await world.StartPlatformAsync(browser, "gitlab", reconnect: c.Id);
        await HubWorld.CallbackAsync(browser, await world.ApproveAsync(authorize));
        Assert.Equal(ConnectionStatus.Active, (await world.SingleConnectionAsync()).Status);
    }

    [Fact]
    public async Task Two_processes_refreshing_one_GitLab_connection_at_once_leave_it_working()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        await world.ConnectPlatformAsync(await world.SignedUpAsync("ada@a.test", "Tenant A"), "gitlab");
        var c = await world.SingleConnectionAsync();
        string barrier = Directory.CreateTempSubdirectory("ihub-refresh-").FullName;

        var processes = Enumerable.Range(0, 2).Select(_ => StartRefresher(world, c.Id, barrier)).ToList();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (Directory.GetFiles(barrier, "ready-*").Length < 2 && processes.All(p => !p.HasExited) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await File.WriteAllTextAsync(Path.Combine(barrier, "go"), "");
        foreach (var p in processes)
        {
            await p.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(90)).Token);
        }

        Assert.All(processes, p => Assert.True(p.ExitCode == 0, p.StandardError.ReadToEnd()));
        var after = await world.SingleConnectionAsync();
        Assert.Equal(ConnectionStatus.Active, after.Status);
        Assert.NotEqual(c.AccessTokenProtected, after.AccessTokenProtected);
        var apis = world.Hub.Services.GetRequiredService<IConnectionApis>();
        Assert.Equal("demo", (await (await apis.ForAsync(after, CancellationToken.None)).GetCurrentUserAsync(CancellationToken.None)).Login);
        // The stored refresh token is the live one: refreshing again still works.
        await apis.CredentialsAsync(after.Id, afterUnauthorized: true, CancellationToken.None);
        Assert.Equal(ConnectionStatus.Active, (await world.SingleConnectionAsync()).Status);
    }

    private static Process StartRefresher(HubWorld world, Guid connectionId, string barrier)
    {
        string worker = Path.Combine(AppContext.BaseDirectory, "IntegrationHub.Worker.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add(worker);
        psi.ArgumentList.Add(RefreshCommand.Verb);
        psi.ArgumentList.Add(connectionId.ToString());
        psi.ArgumentList.Add(barrier);
        psi.ArgumentList.Add($"--ConnectionStrings:Hub={world.ConnectionString}");
        psi.ArgumentList.Add("--Logging:LogLevel:Default=Warning");
        foreach (var (key, value) in Local.DemoProviders.HubSettings(world.SimUrl))
        {
            psi.ArgumentList.Add($"--{key}={value}");
        }

        return Process.Start(psi)!;
    }

    private static async Task SaveAsync(HubWorld world, Connection c)
    {
        await using var db = TestDb.Create(world.ConnectionString, c.TenantId);
        db.Connections.Update(c);
        await db.SaveChangesAsync();
    }
}
