using IntegrationHub.ProviderAccess.GitHubApps;
using IntegrationHub.Tests.World;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IntegrationHub.Tests.GitHubApp;

/// <summary>A connection's own GitHub App is its tenant's: the database refuses another tenant's, and the directory never hands one out.</summary>
public sealed class AppTenantBindingTests
{
    private const long InstallationId = 4242;

    private static async Task<Guid> OwnAppAsync(HubWorld world, Guid tenant)
    {
        var protector = world.Hub.Services.GetRequiredService<GitHubAppProtectors>().Credentials;
        var id = Guid.NewGuid();
        await world.ExecAsync("""
            INSERT INTO github_apps (id, tenant_id, base_url, app_id, slug, client_id, client_secret_protected, private_key_protected,
                                     webhook_secret_protected, created_at, updated_at)
            VALUES ($1, $2, 'https://ghes.example.test', 77, 'tenant-app', 'Iv23liTenantApp', $3, $4, $5, now(), now())
            """, id, tenant, protector.Protect("client-secret"), protector.Protect(GitHubAppKeys.Pem), protector.Protect("hook-secret"));
        return id;
    }

    private static async Task<(GitHubAppCredentials App, long InstallationId)?> ForConnectionAsync(HubWorld world, Guid connection)
    {
        await using var scope = world.Hub.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GitHubAppDirectory>().ForConnectionAsync(connection, CancellationToken.None);
    }

    [Fact]
    public async Task A_connection_naming_another_tenants_app_is_refused_by_the_database()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions());
        var a = await world.TenantAsync("A");
        var b = await world.TenantAsync("B");
        var aApp = await OwnAppAsync(world, a);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => world.AppConnectionAsync(b, InstallationId, "acme1", githubAppId: aApp));

        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, refused.SqlState);
        Assert.Equal("connections_github_app_same_tenant", refused.ConstraintName);
        var own = await world.AppConnectionAsync(a, InstallationId, "acme1", githubAppId: aApp);
        var found = await ForConnectionAsync(world, own);
        Assert.Equal(((Guid?)aApp, 77L, InstallationId), (found!.Value.App.OwnAppId, found.Value.App.AppId, found.Value.InstallationId));
        // The platform app (no row) is not checked against a tenant.
        await world.AppConnectionAsync(b, InstallationId + 1, "acme1");
    }

    [Fact]
    public async Task The_directory_never_hands_a_connection_another_tenants_app()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions());
        var a = await world.TenantAsync("A");
        var b = await world.TenantAsync("B");
        var aApp = await OwnAppAsync(world, a);
        // A link the database would refuse now, as if written before migration 0041: the directory still says no.
        await world.ExecAsync("ALTER TABLE connections DROP CONSTRAINT IF EXISTS connections_github_app_same_tenant");
        var crossed = await world.AppConnectionAsync(b, InstallationId, "acme1", githubAppId: aApp);

        Assert.Null(await ForConnectionAsync(world, crossed));
    }
}
