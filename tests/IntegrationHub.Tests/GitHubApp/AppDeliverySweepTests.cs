using System.Globalization;
using IntegrationHub.Jobs;
using IntegrationHub.ProviderAccess.GitHubApps;
using IntegrationHub.Tests.World;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.GitHubApp;

/// <summary>The app webhook's failed deliveries are asked for again by the sweep, once per app, as the app.</summary>
public sealed class AppDeliverySweepTests
{
    [Fact]
    public async Task A_failed_delivery_of_a_tenant_app_is_redelivered_by_the_sweep_once_and_then_filed()
    {
        await using var world = await HubWorld.StartAsync(AppWebhookStage.Options);
        var stage = await AppWebhookStage.StartAsync(world);
        var repos = await stage.ReposAsync("acme1", "repo1");
        var protector = stage.Node.Services.GetRequiredService<GitHubAppProtectors>().Credentials;

        // A tenant's own app whose webhook secret the hub cannot decrypt at first: its deliveries are answered 503.
        var tenant = await world.TenantAsync("Own app");
        var ownApp = Guid.NewGuid();
        long appId = stage.AppId + 1;
        await world.ExecAsync("""
            INSERT INTO github_apps (id, tenant_id, base_url, app_id, slug, client_id, client_secret_protected, private_key_protected,
                                     webhook_secret_protected, created_at, updated_at)
            VALUES ($1, $2, $3, $4, 'tenant-app', 'Iv23liTenantApp', $5, $6, 'NOT-CIPHERTEXT', now(), now())
            """, ownApp, tenant, world.SimUrl + "/github", appId, protector.Protect("tenant-client-secret"), protector.Protect(GitHubAppKeys.Pem));
        await world.ControlAsync("github/apps", new
        {
            name = "Tenant App", slug = "tenant-app", appId, clientId = "Iv23liTenantApp", clientSecret = "tenant-client-secret",
            publicKeyPem = GitHubAppKeys.PublicPem, webhookUrl = $"{stage.Node.Url}/webhooks/github-app/{ownApp}", webhookSecret = "tenant-hook-secret",
            events = new[] { "push" },
        });
        long installation = (long)(await world.ControlAsync("github/installations", new { app = "tenant-app", account = "acme1", repositories = new[] { "acme1/repo1" } }))["id"]!;
        var connection = await world.AppConnectionAsync(tenant, installation, "acme1", githubAppId: ownApp);
        await world.RepositoryAsync(tenant, connection, "acme1/repo1", repos["repo1"]);

        await world.ControlAsync("events/push", new { provider = "github", repo = "acme1/repo1", branch = "main", commits = 1 });
        await world.SimDeliveriesIdleAsync();
        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM deliveries"));

        // The secret is fixed (its change note drops the node's copy); the sweep asks GitHub for the failed deliveries again.
        await world.ExecAsync("UPDATE github_apps SET webhook_secret_protected = $2 WHERE id = $1", ownApp, protector.Protect("tenant-hook-secret"));
        await SweepAsync(stage);
        await world.SimDeliveriesIdleAsync();

        Assert.True(await HubWorld.EventuallyAsync(async () =>
            await world.CountAsync("SELECT count(*) FROM events WHERE tenant_id = $1 AND kind = 'Push'", tenant) == 1, seconds: 30),
            "the redelivered push was not filed");
        // Asked once: a second run finds the push redelivered (and the platform app, with no live connection, is not read).
        await SweepAsync(stage);
        await world.SimDeliveriesIdleAsync();
        var pushes = (await world.SimGetAsync("/_sim/deliveries?provider=github&event=push")).AsArray();
        Assert.Equal(1, pushes.Count(d => (bool)d!["redelivery"]!));
        Assert.Equal(2, world.Calls.ByRoute.GetValueOrDefault("GET /github/api/v3/app/hook/deliveries"));
    }

    private static async Task SweepAsync(AppWebhookStage stage)
    {
        using var scope = stage.Node.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IAppDeliverySweepJob>().RunAsync(CancellationToken.None);
    }
}
