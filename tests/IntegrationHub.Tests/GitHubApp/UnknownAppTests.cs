using System.Net;
using IntegrationHub.ProviderAccess.GitHubApps;
using IntegrationHub.Tests.World;
using IntegrationHub.WebhookIntake;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.GitHubApp;

/// <summary>
/// Posts to a tenant app's webhook URL naming an app the hub does not have cost one database read, then none while the
/// miss is kept (<see cref="AppWebhookDirectory"/>); creating such an app drops the miss at once (migration 0043's note).
/// Reads are counted per request from Npgsql's command tracing (<see cref="SqlRecorder"/>).
/// </summary>
public sealed class UnknownAppTests
{
    private const string TenantSecret = "tenant-hook-secret";

    [Fact]
    public async Task A_tenant_app_id_no_app_has_is_read_once_and_then_refused_without_a_read()
    {
        await using var world = await HubWorld.StartAsync(AppWebhookStage.Options);
        var stage = await AppWebhookStage.StartAsync(world);
        var directory = await ListeningAsync(stage);
        using var sql = new SqlRecorder();
        using var client = new HttpClient { BaseAddress = new Uri(stage.Node.Url) };
        byte[] push = IngestFixtures.Bytes("github/push.with-installation.json");
        var unknown = Guid.NewGuid();

        var reads = new List<int>();
        for (int i = 0; i < 3; i++)
        {
            var trace = SqlRecorder.Trace(client);
            using var response = await stage.PostAsync(push, "push", $"d-unknown-{i}", TenantSecret, unknown, client);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            reads.Add(sql.Commands(trace).Count(c => c.Contains("FROM github_apps", StringComparison.Ordinal)));
        }

        // The first post's read shows the count sees the ingress's lookup at all.
        Assert.Equal([1, 0, 0], reads);
        Assert.True(directory.HoldsApp(unknown));
    }

    [Fact]
    public async Task A_tenant_app_created_after_its_id_was_refused_has_its_next_delivery_verified_and_stored()
    {
        await using var world = await HubWorld.StartAsync(AppWebhookStage.Options);
        var stage = await AppWebhookStage.StartAsync(world);
        var directory = await ListeningAsync(stage);
        byte[] push = IngestFixtures.Bytes("github/push.with-installation.json");
        var ownApp = Guid.NewGuid();
        using (var early = await stage.PostAsync(push, "push", "d-early", TenantSecret, ownApp))
        {
            Assert.Equal(HttpStatusCode.NotFound, early.StatusCode);
        }

        Assert.True(directory.HoldsApp(ownApp), "the unknown app id was not kept");

        // The tenant registers its app, installed (the fixture's installation, id 1) and attached.
        var tenant = await world.TenantAsync("Own app");
        var protector = stage.Node.Services.GetRequiredService<GitHubAppProtectors>().Credentials;
        await world.ExecAsync("""
            INSERT INTO github_apps (id, tenant_id, base_url, app_id, slug, client_id, client_secret_protected, private_key_protected,
                                     webhook_secret_protected, created_at, updated_at)
            VALUES ($1, $2, $3, $4, 'tenant-app', 'Iv23liTenantApp', $5, $6, $7, now(), now())
            """, ownApp, tenant, world.SimUrl + "/github", stage.AppId + 1, protector.Protect("tenant-client-secret"), protector.Protect(GitHubAppKeys.Pem),
            protector.Protect(TenantSecret));
        var connection = await world.AppConnectionAsync(tenant, 1, "Codertocat", githubAppId: ownApp);
        await world.RepositoryAsync(tenant, connection, "Codertocat/Hello-World", "186853002");

        // Waiting for the drop, not for a time: the kept miss would otherwise answer 404 for HookDirectorySeconds (300).
        Assert.True(await HubWorld.EventuallyAsync(() => Task.FromResult(!directory.HoldsApp(ownApp)), seconds: 30),
            "the app's creation did not drop the kept miss");
        using (var late = await stage.PostAsync(push, "push", "d-late", TenantSecret, ownApp))
        {
            Assert.Equal(HttpStatusCode.Accepted, late.StatusCode);
        }

        Assert.Equal(1, await world.CountAsync("SELECT count(*) FROM deliveries WHERE tenant_id = $1 AND delivery_id = 'd-late'", tenant));
    }

    private static async Task<AppWebhookDirectory> ListeningAsync(AppWebhookStage stage)
    {
        var directory = stage.Node.Services.GetRequiredService<AppWebhookDirectory>();
        Assert.True(await HubWorld.EventuallyAsync(() => Task.FromResult(directory.Listening)), "the app webhook's directory never listened");
        return directory;
    }
}
