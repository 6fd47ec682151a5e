using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Telemetry;

/// <summary>Rate limit per connection, bounded: only the connections with the least budget left are reported, by id.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class ConnectionRateLimitMetricsTests
{
    [Fact]
    public async Task Only_the_ten_lowest_live_budgets_are_reported_per_connection_and_a_reset_window_is_not_low()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { Tenant = "Metrics" });
        // Twelve active GitLab connections with 10, 20, ... 120 calls left; one whose window already reset (its 1 is stale)
        // and one that needs reauthorization (its 0 is not a budget the hub spends).
        await world.ExecAsync("""
            INSERT INTO connections (id, tenant_id, provider, base_url, display_name, account_id, account_login, status, auth_kind,
                rate_limit_remaining, rate_limit_reset_at, created_at, updated_at)
            SELECT gen_random_uuid(), $1, 'gitlab', 'https://git.example.test', 'gitlab ' || i, 'acct-' || i, 'octo',
                CASE WHEN i = 14 THEN 'needs_reauthorization' ELSE 'active' END, 'pat',
                CASE WHEN i = 13 THEN 1 WHEN i = 14 THEN 0 ELSE 10 * i END,
                CASE WHEN i = 13 THEN now() - interval '1 minute' ELSE now() + interval '1 hour' END, now(), now()
            FROM generate_series(1, 14) AS i
            """, world.TenantId);
        var lowest = Guid.Parse((await world.QueryAsync("SELECT id FROM connections WHERE account_id = 'acct-1'")).Single());
        var eleventh = Guid.Parse((await world.QueryAsync("SELECT id FROM connections WHERE account_id = 'acct-11'")).Single());
        using var meters = MeterCapture.Start();

        Assert.Equal(10, meters.Count("ihub.connection.rate_limit.remaining"));
        Assert.Equal(10, meters.Count("ihub.connection.rate_limit.remaining", ("provider", "gitlab")));
        Assert.Equal(10, meters.Gauge("ihub.connection.rate_limit.remaining", ("connection", lowest.ToString())));
        Assert.Equal(0, meters.Count("ihub.connection.rate_limit.remaining", ("connection", eleventh.ToString())));
        Assert.Equal(10, meters.Gauge("ihub.provider.rate_limit.remaining", ("provider", "gitlab")));
    }
}
