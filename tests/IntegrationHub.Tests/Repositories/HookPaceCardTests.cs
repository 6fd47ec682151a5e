using System.Text.Json;
using IntegrationHub.Providers.GitHub;
using IntegrationHub.Tests.World;
using IntegrationHub.ProviderAccess;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Repositories;

/// <summary>The connection card says how many hooks are left to create and, where the provider paces creation, about how long that takes.</summary>
public sealed class HookPaceCardTests
{
    [Fact]
    public async Task Pace_the_card_says_how_many_hooks_are_left_and_about_how_long_GitHubs_limit_makes_them_take()
    {
        await using var world = await HubWorld.StartAsync();
        var browser = world.Hub.Browser();
        await Forms.SignUpAsync(browser, "pace@example.test", "Pace Inc");
        var tenant = await world.ScalarAsync<Guid>("SELECT m.tenant_id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = 'pace@example.test'");
        var (github, gitlab) = (Guid.NewGuid(), Guid.NewGuid());
        await world.ExecAsync("""
            INSERT INTO connections (id, tenant_id, provider, base_url, display_name, account_id, account_login, status, auth_kind,
                access_token_protected, discovery_status, discovered_count, created_at, updated_at)
            VALUES ($1, $3, 'github', 'https://github.example.test', 'GitHub (acme)', '1', 'acme', 'active', 'pat', 'unused', 'done', 430, now(), now()),
                   ($2, $3, 'gitlab', 'https://gitlab.example.test', 'GitLab (acme)', '2', 'acme', 'active', 'pat', 'unused', 'done', 3, now(), now())
            """, github, gitlab, tenant);
        // 430 watched GitHub repositories, 10 of them with their hook: 420 left. Three GitLab ones, none with a hook.
        await world.ExecAsync("""
            INSERT INTO repositories (id, tenant_id, connection_id, external_id, full_path, watched, first_seen_at, last_seen_at)
            SELECT gen_random_uuid(), $1, CASE WHEN i <= 430 THEN $2 ELSE $3 END, i::text, 'acme/r' || i, true, now(), now()
            FROM generate_series(1, 433) i
            """, tenant, github, gitlab);
        await world.ExecAsync("""
            INSERT INTO hooks (id, tenant_id, connection_id, repository_id, provider, url, secret_protected, status, created_at, updated_at)
            SELECT gen_random_uuid(), tenant_id, connection_id, id, 'github', 'https://hub/hooks/github/' || external_id, 'x', 'registered', now(), now()
            FROM repositories WHERE connection_id = $1 AND external_id::int <= 10
            """, github);

        string card = await browser.GetStringAsync($"/repositories?connection={github}");
        // 420 at 75 a minute (GitHub's 80 less the margin) is 5.6 minutes.
        Assert.Contains("Registering webhooks: 420 left, about 6 min (GitHub allows 80 a minute)", card);

        string other = await browser.GetStringAsync($"/repositories?connection={gitlab}");
        Assert.Contains("Registering webhooks: 3 left<", other); // GitLab documents no creation limit: no estimate

        await world.ExecAsync("UPDATE connections SET sync_mode = 'poll' WHERE id = $1", github);
        Assert.DoesNotContain("Registering webhooks", await browser.GetStringAsync($"/repositories?connection={github}"));
    }

    [Fact]
    public async Task Pace_the_connections_api_carries_the_cards_figures()
    {
        await using var world = await HubWorld.StartAsync();
        var tenant = await world.TenantAsync("Pace API");
        var (github, gitlab, pollOnly) = (await world.ConnectionAsync(tenant, "github", "a"), await world.ConnectionAsync(tenant, "gitlab", "b"),
            await world.ConnectionAsync(tenant, "bitbucket-cloud", "c"));
        await world.ExecAsync("UPDATE connections SET sync_mode = 'poll' WHERE id = $1", pollOnly);
        foreach (var (connection, count) in new[] { (github, 200), (gitlab, 3), (pollOnly, 5) })
        {
            await world.ExecAsync("""
                INSERT INTO repositories (id, tenant_id, connection_id, external_id, full_path, watched, first_seen_at, last_seen_at)
                SELECT gen_random_uuid(), $1, $2, i::text, 'acme/r' || i, true, now(), now() FROM generate_series(1, $3) i
                """, tenant, connection, count);
        }

        using var client = ApiKeys.Client(world.Hub, await ApiKeys.CreateAsync(world.Hub.Services, tenant, "pace-reader"));
        var list = JsonDocument.Parse(await client.GetStringAsync("/api/v1/connections")).RootElement.GetProperty("data").EnumerateArray()
            .ToDictionary(c => c.GetProperty("id").GetGuid(), c => (c.GetProperty("hooksToCreate").GetInt32(), Minutes(c)));
        var one = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/connections/{github}")).RootElement;

        Assert.Equal((200, (int?)3), list[github]); // 200 at 75 a minute: 3 minutes
        Assert.Equal((3, (int?)null), list[gitlab]); // no creation limit: no estimate
        Assert.Equal((0, (int?)null), list[pollOnly]);
        Assert.Equal((200, (int?)3), (one.GetProperty("hooksToCreate").GetInt32(), Minutes(one)));
    }

    private static int? Minutes(JsonElement connection) =>
        connection.GetProperty("hookCreationMinutes") is { ValueKind: JsonValueKind.Number } m ? m.GetInt32() : null;

    [Fact]
    public async Task Pace_estimate_spends_the_hourly_allowance_before_waiting_for_the_next_hour()
    {
        await using var world = await HubWorld.StartAsync();
        var allowance = world.Hub.Services.GetRequiredService<HookCreationPace>().AllowanceFor(GitHubDescriptor.Instance)!;

        Assert.Equal((75, 480, 80), (allowance.PerMinute, allowance.PerHour, allowance.ProviderPerMinute));
        Assert.Equal(TimeSpan.FromMinutes(1), allowance.Estimate(75));
        Assert.Equal(TimeSpan.FromMinutes(2), allowance.Estimate(76));
        Assert.Equal(TimeSpan.FromMinutes(7), allowance.Estimate(480));
        // 1,000: 480 in the first hour, 480 in the second, the last 40 in the third hour's first minute.
        Assert.Equal(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1), allowance.Estimate(1000));
        Assert.Equal(TimeSpan.Zero, allowance.Estimate(0));
    }
}
