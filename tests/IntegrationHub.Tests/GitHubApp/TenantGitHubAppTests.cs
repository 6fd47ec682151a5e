using System.Security.Cryptography;
using IntegrationHub.Data;
using IntegrationHub.ProviderAccess.GitHubApps;
using IntegrationHub.Secrets;
using IntegrationHub.Tests.World;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.GitHubApp;

public sealed class TenantGitHubAppTests
{
    private const string Ghes = "https://127.0.0.1:8443";

    private static HubWorldOptions Options => new() { Settings = { ["Hub:Security:AllowedPrivateHosts:0"] = "127.0.0.1:8443" } };

    private static TenantGitHubAppInput Input(string appId = "42") =>
        new(Ghes, appId, "acme-hub", "Iv1.client", "the-client-secret", GitHubAppKeys.Pem, "the-webhook-secret");

    private static AsyncServiceScope As(HubWorld world, Guid tenant)
    {
        var scope = world.Hub.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().Set(Guid.NewGuid(), "owner@test", false, tenant, "Tenant", "owner");
        return scope;
    }

    [Fact]
    public async Task A_tenant_app_is_stored_with_its_secrets_encrypted_under_their_own_purpose()
    {
        await using var world = await HubWorld.StartAsync(Options);
        var tenant = await world.TenantAsync("Own app");
        Guid id;
        await using (var scope = As(world, tenant))
        {
            var (saved, error) = await scope.ServiceProvider.GetRequiredService<TenantGitHubApps>().SaveAsync(Input(), CancellationToken.None);
            Assert.Null(error);
            id = saved!.Value;
        }

        var stored = Assert.Single(await world.QueryAsync(
            "SELECT client_secret_protected || ' ' || private_key_protected || ' ' || webhook_secret_protected FROM github_apps WHERE id = $1", id));
        Assert.DoesNotContain("BEGIN RSA PRIVATE KEY", stored);
        Assert.DoesNotContain(GitHubAppKeys.Body[..40], stored);
        Assert.DoesNotContain("the-client-secret", stored);
        Assert.DoesNotContain("the-webhook-secret", stored);
        // Not readable as a general secret: a private key pasted into a token column would not decrypt.
        string key = await world.ValueAsync<string>("SELECT private_key_protected FROM github_apps WHERE id = $1", id);
        Assert.ThrowsAny<CryptographicException>(() => world.Hub.Services.GetRequiredService<ISecretProtector>().Unprotect(key));

        await using var worker = world.Hub.Services.CreateAsyncScope();
        var app = await worker.ServiceProvider.GetRequiredService<GitHubAppDirectory>().FindAsync(id, CancellationToken.None);
        Assert.Equal(GitHubAppKeys.Pem.Trim(), app!.PrivateKeyPem.Trim());
        Assert.Equal(("the-client-secret", "the-webhook-secret", 42L, tenant), (app.ClientSecret, app.WebhookSecret, app.AppId, app.TenantId!.Value));
    }

    [Fact]
    public async Task Tenant_A_cannot_read_change_or_delete_tenant_B_app()
    {
        await using var world = await HubWorld.StartAsync(Options);
        var a = await world.TenantAsync("A");
        var b = await world.TenantAsync("B");
        Guid bApp;
        await using (var scope = As(world, b))
        {
            bApp = (await scope.ServiceProvider.GetRequiredService<TenantGitHubApps>().SaveAsync(Input("7"), CancellationToken.None)).Id!.Value;
        }

        await using (var scope = As(world, a))
        {
            var apps = scope.ServiceProvider.GetRequiredService<TenantGitHubApps>();
            Assert.Empty(await apps.ListAsync(CancellationToken.None));
            Assert.Null(await apps.CredentialsAsync(bApp, CancellationToken.None));
            Assert.Equal((false, null), await apps.DeleteAsync(bApp, CancellationToken.None));
            // The same instance for A is A's own row, not B's overwritten.
            var (aApp, _) = await apps.SaveAsync(Input("8"), CancellationToken.None);
            Assert.NotEqual(bApp, aApp);
        }

        Assert.Equal(7, await world.ValueAsync<long>("SELECT app_id FROM github_apps WHERE id = $1", bApp));
        await using (var scope = As(world, b))
        {
            var apps = scope.ServiceProvider.GetRequiredService<TenantGitHubApps>();
            Assert.Equal(bApp, Assert.Single(await apps.ListAsync(CancellationToken.None)).Id);
            Assert.Equal(7, (await apps.CredentialsAsync(bApp, CancellationToken.None))!.AppId);
        }
    }

    [Fact]
    public async Task A_tenant_app_with_an_unusable_private_key_is_refused_without_quoting_it()
    {
        await using var world = await HubWorld.StartAsync(Options);
        var tenant = await world.TenantAsync("Bad key");
        await using var scope = As(world, tenant);
        var (id, error) = await scope.ServiceProvider.GetRequiredService<TenantGitHubApps>()
            .SaveAsync(Input() with { PrivateKeyPem = "-----BEGIN RSA PRIVATE KEY-----\nnot-a-key\n-----END RSA PRIVATE KEY-----" }, CancellationToken.None);
        Assert.Null(id);
        Assert.Equal("The private key must be the .pem file GitHub generated for the app (BEGIN RSA PRIVATE KEY).", error);
        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM github_apps"));
    }
}
