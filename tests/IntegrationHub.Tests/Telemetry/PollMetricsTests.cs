using IntegrationHub.Data;
using IntegrationHub.Poll;
using IntegrationHub.Tests.Poll;
using IntegrationHub.Tests.World;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Telemetry;

/// <summary>The poll's meters under a real cycle against the simulator: lag, outcomes, overdue repositories, rate limits.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class PollMetricsTests
{
    [Fact]
    public async Task A_poll_cycle_records_its_lag_and_outcomes_and_the_gauges_show_overdue_repositories_and_rate_limits()
    {
        await using var world = await HubWorld.StartAsync(PollSim.Options()); // interval 30 s
        var poll = new PollSim(world);
        var late = await poll.AddRepositoryAsync("gitlab", "late");
        var onTime = await poll.AddRepositoryAsync("gitlab", "on-time");
        var github = await poll.AddRepositoryAsync("github", "svc");
        await poll.Services.GetRequiredService<PollScheduler>().SyncAsync(CancellationToken.None);
        await poll.MakeDueAsync();
        await world.ExecAsync("UPDATE poll_state SET next_poll_at = now() - interval '100 seconds' WHERE repository_id = $1", late.RepositoryId);
        await world.ExecAsync("UPDATE connections SET rate_limit_remaining = 37 WHERE id = $1", late.ConnectionId);
        await world.ExecAsync("UPDATE connections SET rate_limit_remaining = 4000, rate_limited_until = now() + interval '1 hour' WHERE id = $1",
            onTime.ConnectionId);
        using var meters = MeterCapture.Start();

        // Read before the cycle: one GitLab repository is more than an interval late, none of GitHub's.
        Assert.Equal(1, meters.Gauge("ihub.poll.overdue", ("provider", "gitlab")));
        Assert.Equal(0, meters.Gauge("ihub.poll.overdue", ("provider", "github")));
        Assert.Equal(37, meters.Gauge("ihub.provider.rate_limit.remaining", ("provider", "gitlab")));
        Assert.Equal(1, meters.Gauge("ihub.provider.rate_limited", ("provider", "gitlab")));
        Assert.Equal(0, meters.Gauge("ihub.provider.rate_limited", ("provider", "github")));

        await world.ExecAsync("UPDATE connections SET rate_limited_until = NULL WHERE id = $1", onTime.ConnectionId);
        var polled = await poll.Services.GetRequiredService<PollRunner>().RunCycleAsync("node-a", CancellationToken.None);

        Assert.Equal(3, polled.Count);
        Assert.Equal(2, meters.Sum("ihub.poll.lag", ("provider", "gitlab")));
        Assert.Equal(1, meters.Sum("ihub.poll.lag", ("provider", "github")));
        Assert.InRange(meters.HistogramSum("ihub.poll.lag", ("provider", "gitlab")), 100, 200);
        Assert.Equal(2, meters.Sum("ihub.poll.repositories", ("provider", "gitlab"), ("outcome", PollOutcomes.Ok)));
        Assert.Equal(1, meters.Sum("ihub.poll.repositories", ("provider", "github"), ("outcome", PollOutcomes.Ok)));

        // The cycle called the simulator on loopback: HttpClient's metrics are exported, without naming the remote host.
        string text = await world.Hub.CreateClient().GetStringAsync("/metrics");
        Assert.Contains("http_client_request_duration_seconds", text);
        // (Npgsql's own metrics name the database server: the operator's, not a tenant's.)
        Assert.DoesNotContain(text.Split('\n'), line => line.StartsWith("http_client", StringComparison.Ordinal) && line.Contains("server_address"));
        Assert.Contains("ihub_poll_lag_seconds_bucket{", text);
    }
}
