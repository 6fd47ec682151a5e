using IntegrationHub.Cleanup;
using IntegrationHub.Data;
using IntegrationHub.Tenancy;
using IntegrationHub.Tests.Team;
using IntegrationHub.Tests.World;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Admin;

/// <summary>
/// The admin's cross-tenant actions check the platform-admin flag in the service, not only in the page's policy: an
/// interactive page stays open while its person is demoted, and the circuit re-reads the flag before each click.
/// </summary>
public sealed class AdminOnlyServiceTests
{
    [Fact]
    public async Task Revoke_retry_and_clean_up_progress_across_tenants_answer_nothing_to_an_owner_who_is_no_platform_admin()
    {
        await using var w = await HubWorld.StartAsync();
        var s = await RoleSeed.CreateAsync(w);
        await w.ExecAsync("UPDATE connections SET status = 'revoked', cleanup_status = 'failed', cleanup_error = 'kept for the test' WHERE id = $1", s.ConnectionId);
        string? before = await ConnectionsAsync(w);

        foreach (bool admin in new[] { false, true })
        {
            using var scope = w.Hub.Services.CreateScope();
            var sp = scope.ServiceProvider;
            sp.GetRequiredService<TenantScope>().Set(s.OwnerUserId, "owner@a.test", admin, s.TenantId, "Tenant A", Roles.Owner);
            var progress = await sp.GetRequiredService<CleanupProgressQuery>().LoadAsync(s.ConnectionId, acrossTenants: true, CancellationToken.None);
            if (admin)
            {
                // The same calls reach the rows for a platform admin: the refusals below are the flag's doing.
                Assert.NotNull(progress);
                continue;
            }

            Assert.Null(progress);
            Assert.Null(await sp.GetRequiredService<ConnectionCleanup>().RetryAsync(s.ConnectionId, acrossTenants: true, CancellationToken.None));
            Assert.Null(await sp.GetRequiredService<ConnectionCleanup>().RevokeAsync(s.WebhookOnlyId, "not an admin", CancellationToken.None));
        }

        Assert.Equal(before, await ConnectionsAsync(w));
    }

    private static Task<string?> ConnectionsAsync(HubWorld w) =>
        w.TextAsync("SELECT string_agg(id || ':' || status || ':' || coalesce(cleanup_status, '') || ':' || coalesce(cleanup_error, ''), ',' ORDER BY id) FROM connections");
}
