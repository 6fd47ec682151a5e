using IntegrationHub.Discovery;
using IntegrationHub.HookRegistration;
using IntegrationHub.Jobs;
using IntegrationHub.Tests.World;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.GitHubApp;

/// <summary>
/// The recurring jobs that walk every connection, on app connections: the nightly discovery lists each installation's
/// repositories again (not a suspended one's); the hook reconciliation registers, repairs and even mints nothing for them.
/// </summary>
public sealed class AppRecurringJobTests
{
    [Fact]
    public async Task Nightly_discovery_lists_an_app_connections_installation_again_without_hooks_and_skips_a_suspended_one()
    {
        var app = KnownGitHubApp.New();
        await using var world = await HubWorld.StartAsync(app.Options());
        await world.ControlAsync("seed", new { provider = "github", ownerNames = new[] { "acme1", "acme2" }, reposPerOwner = 2 });
        await app.RegisterAsync(world);
        var connection = await app.ConnectionAsync(world, await app.InstallAsync(world, "acme1", "acme1/repo1", "acme1/repo2"), "acme1");
        var suspended = await app.ConnectionAsync(world, await app.InstallAsync(world, "acme2", "acme2/repo1"), "acme2");
        await world.ExecAsync("UPDATE connections SET github_suspended_at = now() WHERE id = $1", suspended);
        var worker = await world.StartWorkerAsync("nightly", app.Settings(world.SimUrl));

        await ActivatorUtilities.CreateInstance<NightlyDiscoveryJob>(worker.Services).RunAsync(CancellationToken.None);

        Assert.True(await HubWorld.EventuallyAsync(async () =>
            await world.TextAsync("SELECT discovery_status FROM connections WHERE id = $1", connection) == "done"), "the app connection was not discovered");
        Assert.Equal(["acme1/repo1", "acme1/repo2"], await world.QueryAsync("SELECT full_path FROM repositories WHERE connection_id = $1 ORDER BY full_path", connection));
        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM hooks WHERE connection_id = $1", connection));
        Assert.Empty(await world.SimHooksAsync("github"));
        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM " + JobRows.Table + " WHERE connection_id = $1", suspended));
    }

    [Fact]
    public async Task Hook_reconciliation_leaves_an_app_connection_alone_without_minting_a_token()
    {
        var app = KnownGitHubApp.New();
        await using var world = await HubWorld.StartAsync(app.Options());
        await world.ControlAsync("seed", new { provider = "github", ownerNames = new[] { "acme1" }, reposPerOwner = 1 });
        await app.RegisterAsync(world);
        var connection = await app.ConnectionAsync(world, await app.InstallAsync(world, "acme1", "acme1/repo1"), "acme1");
        var repository = await world.RepositoryAsync(world.TenantId, connection, "acme1/repo1", "1");
        await world.HookAsync(world.TenantId, connection, repository, "registered"); // a stray repository hook row
        // The web host: no worker polls the repository (the poll mints its token) while the jobs run here.
        var hub = world.Hub.Services;

        await ActivatorUtilities.CreateInstance<ReconcileScheduleJob>(hub).RunAsync(CancellationToken.None);
        await using (var scope = hub.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IReconcileHooksJob>().RunAsync(connection, DateTimeOffset.UtcNow, "GitHub", "t", CancellationToken.None);
        }

        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM " + JobRows.Table + " WHERE connection_id = $1", connection));
        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM github_installation_tokens"));
        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM hooks WHERE connection_id = $1 AND last_reconciled_at IS NOT NULL", connection));
        Assert.Empty(await world.SimHooksAsync("github"));
    }
}
