using Hangfire;
using IntegrationHub.Tests.World;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Hostile;

/// <summary>
/// A job that kills every node taking it (a provider answer that crashes the process, say) comes back after each death
/// (its invisibility timeout) while it has attempts left, then is given up with the reason where the tenant looks,
/// instead of being taken again forever. Hangfire does not count a job fetched again as a retry; JobOutcomeFilter counts
/// every performing in the job parameter "hub.performings" as it starts.
/// </summary>
public sealed class WorkerLostTests
{
    [Fact]
    public async Task A_discovery_whose_worker_dies_with_it_is_retaken_up_to_its_attempts_then_given_up_with_the_reason()
    {
        await using var world = await HubWorld.StartAsync(HubWorldOptions.Workers);
        var connection = Guid.NewGuid();
        await world.ExecAsync("""
            INSERT INTO connections (id, tenant_id, provider, base_url, display_name, account_id, account_login, status, auth_kind,
                access_token_protected, created_at, updated_at)
            VALUES ($1, $2, 'github', 'http://127.0.0.1:9', 'GitHub (doomed)', $3, 'demo', 'active', 'pat', 'never-decrypted', now(), now())
            """, connection, world.TenantId, Guid.NewGuid().ToString("N"));
        var jobs = TestJobs.For(world.ConnectionString);
        await jobs.DiscoverAsync(connection, CancellationToken.None);
        string jobId = await world.ScalarAsync<string>("SELECT id::text FROM " + JobRows.Table + " WHERE connection_id = $1 AND kind = 'discover'", connection);

        // Three nodes took the job and died with it: each performing was counted as it started, nothing else was recorded.
        using (var hangfire = TestJobs.Services(world.ConnectionString).GetRequiredService<JobStorage>().GetConnection())
        {
            hangfire.SetJobParameter(jobId, "hub.performings", "3");
        }

        await world.StartWorkerAsync("survivor", new() { ["Hub:Jobs:MaxAttempts"] = "3" });

        Assert.True(await HubWorld.EventuallyAsync(async () =>
            await world.ScalarAsync<string>("SELECT discovery_status FROM connections WHERE id = $1", connection) == "failed"), "the job was not given up");
        const string Reason = "worker lost while processing, attempt 3 of 3: given up";
        Assert.True(await HubWorld.EventuallyAsync(async () => await world.ScalarAsync<string>(
            "SELECT status || '|' || attempts || '|' || coalesce(last_error, '') FROM " + JobRows.Table + " WHERE connection_id = $1 AND kind = 'discover'", connection)
            == "failed|3|" + Reason));
        Assert.Equal("Discovery stopped: " + Reason, await world.ScalarAsync<string>("SELECT discovery_error FROM connections WHERE id = $1", connection));
        Assert.Equal(0L, world.Calls.Total); // given up, not performed a fourth time
    }
}
