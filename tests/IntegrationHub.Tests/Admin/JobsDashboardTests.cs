using System.Net;
using IntegrationHub.Data;
using IntegrationHub.Discovery;
using IntegrationHub.Jobs;
using IntegrationHub.Tests.World;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IntegrationHub.Tests.Admin;

/// <summary>
/// Hangfire's dashboard at /admin/jobs: platform administrators only (the flag re-read per request), jobs named so an
/// operator understands them, and no token, secret or body in what it shows of a failure.
/// </summary>
public sealed class JobsDashboardTests
{
    private const string Secret = "ghp_SECRETSECRETSECRET0123456789";

    [Fact]
    public async Task Only_platform_admins_see_the_jobs_dashboard()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        var tenantUser = await world.SignedUpAsync("ada@a.test", "Tenant A");
        var admin = await world.SignedUpAdminAsync();

        var anonymous = await world.Browser().GetAsync("/admin/jobs");
        Assert.Contains(anonymous.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Redirect });
        Assert.Equal(HttpStatusCode.Forbidden, (await tenantUser.GetAsync("/admin/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tenantUser.GetAsync("/admin/jobs/jobs/failed")).StatusCode);

        var page = await admin.GetAsync("/admin/jobs");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("IntegrationHub jobs", await page.Content.ReadAsStringAsync());
        // Its own scripts only; data: icons allowed on this path alone.
        string csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("style-src 'self' 'unsafe-inline'", csp);
        Assert.DoesNotContain("script-src", csp);
        Assert.Contains("img-src 'self' data:", csp);
        Assert.DoesNotContain("data:", (await admin.GetAsync("/admin")).Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("href=\"/admin/jobs\"", await (await admin.GetAsync("/admin")).Content.ReadAsStringAsync());

        // The flag is read again on every request: taken away, the dashboard is gone at once.
        await using (var db = TestDb.Create(world.ConnectionString, tenantId: null))
        {
            await db.Users.Where(u => u.Email == "root@ops.test").ExecuteUpdateAsync(s => s.SetProperty(u => u.IsPlatformAdmin, false));
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/admin/jobs")).StatusCode);
    }

    [Fact]
    public async Task A_failed_job_is_shown_by_name_without_the_secret_its_exception_carried()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        var owner = await world.SignedUpAsync("ada@a.test", "Tenant A");
        var admin = await world.SignedUpAdminAsync();
        await world.ConnectPlatformAsync(owner, "github");
        var c = await world.SingleConnectionAsync();
        var settings = PlatformApps.HubSettings(world.SimUrl);
        settings["Hub:Jobs:MaxAttempts"] = "1";
        var worker = await world.StartWorkerAsync("dashboard", settings, s => s.AddScoped<IDiscoverConnectionJob, LeakingDiscovery>());
        await using var db = NpgsqlDataSource.Create(world.ConnectionString);
        Assert.True(await HubWorld.EventuallyAsync(async () => await ScalarAsync<string>(db,
            "SELECT status FROM " + JobRows.Table + " WHERE connection_id = $1 AND kind = 'discover'", c.Id) == "failed"), "the job did not fail");
        string jobId = await ScalarAsync<string>(db, "SELECT id::text FROM " + JobRows.Table + " WHERE connection_id = $1 AND kind = 'discover'", c.Id);
        string slug = await ScalarAsync<string>(db, "SELECT slug FROM tenants WHERE id = $1", c.TenantId);

        string failed = WebUtility.HtmlDecode(await (await admin.GetAsync("/admin/jobs/jobs/failed")).Content.ReadAsStringAsync());
        string details = WebUtility.HtmlDecode(await (await admin.GetAsync($"/admin/jobs/jobs/details/{jobId}")).Content.ReadAsStringAsync());

        Assert.Contains($"Discover GitHub · {slug} (connection {c.Id})", failed);
        Assert.Contains("InvalidOperationException", details);
        foreach (string html in new[] { failed, details })
        {
            Assert.DoesNotContain(Secret, html);
            Assert.DoesNotContain("Authorization", html);
        }

        // Where the tenant looks, the same sanitized reason.
        Assert.Equal("Discovery stopped: InvalidOperationException", await ScalarAsync<string>(db, "SELECT discovery_error FROM connections WHERE id = $1", c.Id));
        await world.StopWorkerAsync(worker);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource db, string sql, params object[] args)
    {
        await using var cmd = db.CreateCommand(sql);
        foreach (object a in args)
        {
            cmd.Parameters.Add(new() { Value = a });
        }

        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// A discovery that fails with what a careless provider client might put in an exception (a header and a body); its
    /// failure is noted on the connection by the real discovery's note.
    /// </summary>
    private sealed class LeakingDiscovery(IServiceProvider services) : IDiscoverConnectionJob, IJobFailureNote
    {
        public Task RunAsync(Guid connectionId, string provider, string tenant, CancellationToken ct) =>
            throw new InvalidOperationException($"Request failed. Authorization: Bearer {Secret}; body: {{\"token\":\"{Secret}\"}}");

        public Task NoteFailureAsync(IReadOnlyList<object?> arguments, string reason, bool givingUp, CancellationToken ct) =>
            ActivatorUtilities.CreateInstance<IntegrationHub.Discovery.Discoverer>(services).NoteFailureAsync(arguments, reason, givingUp, ct);
    }
}
