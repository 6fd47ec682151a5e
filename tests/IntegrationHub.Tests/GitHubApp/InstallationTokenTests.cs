using System.Security.Cryptography;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.GitHub;
using IntegrationHub.ProviderAccess.GitHubApps;
using IntegrationHub.Secrets;
using IntegrationHub.Tests.World;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Tests.GitHubApp;

/// <summary>Installation tokens of the platform app minted at the simulator, cached per node and shared through PostgreSQL.</summary>
public sealed class InstallationTokenTests
{
    internal static HubWorldOptions Options(ManualClock? clock = null) => new()
    {
        Simulator = true,
        WebHost = false,
        // GitHub checks the JWT's iat and exp against its own clock: the simulator and the hub move on one clock.
        SimulatorOptions = clock is null ? null : o => o.TimeProvider = clock,
    };

    [Fact]
    public async Task A_refused_token_forgotten_on_one_node_is_minted_again_for_every_node()
    {
        await using var world = await HubWorld.StartAsync(Options());
        var app = await GitHubAppSim.StartAsync(world);
        var first = await world.StartWorkerAsync("gh-f1", app.Settings);
        var refused = await app.TokenAsync(first);

        await first.Services.GetRequiredService<InstallationTokens>().ForgetAsync(
            first.Services.GetRequiredService<PlatformGitHubApp>().Credentials!, app.InstallationId, refused, CancellationToken.None);

        // Not the refused one again, from the shared row, on this node or a node that never held it.
        var fresh = await app.TokenAsync(first);
        Assert.NotEqual(refused.Token, fresh.Token);
        Assert.Equal(2, app.Mints(world));
        var second = await world.StartWorkerAsync("gh-f2", app.Settings);
        Assert.Equal(fresh.Token, (await app.TokenAsync(second)).Token);
        Assert.Equal(2, app.Mints(world));

        // Forgetting a token already replaced leaves the replacement alone.
        await second.Services.GetRequiredService<InstallationTokens>().ForgetAsync(
            second.Services.GetRequiredService<PlatformGitHubApp>().Credentials!, app.InstallationId, refused, CancellationToken.None);
        Assert.Equal(fresh.Token, (await app.TokenAsync(second)).Token);
        Assert.Equal(2, app.Mints(world));
    }

    [Fact]
    public async Task A_token_is_minted_once_and_reused_by_its_node_and_by_a_node_started_later()
    {
        await using var world = await HubWorld.StartAsync(Options());
        var app = await GitHubAppSim.StartAsync(world);
        var first = await world.StartWorkerAsync("gh-1", app.Settings);

        var token = await app.TokenAsync(first);
        Assert.StartsWith("ghs_", token.Token);
        Assert.Equal(token, await app.TokenAsync(first));
        Assert.Equal(1, app.Mints(world));

        var second = await world.StartWorkerAsync("gh-2", app.Settings);
        Assert.Equal(token, await app.TokenAsync(second));
        Assert.Equal(1, app.Mints(world));

        // The token is the installation's: it lists the two repositories chosen at install time.
        using var api = first.Services.GetRequiredService<GitHubAppClients>().For(first.Services.GetRequiredService<PlatformGitHubApp>().Credentials!);
        var page = await api.ListInstallationRepositoriesAsync(token.Token, null, CancellationToken.None);
        Assert.Equal(["acme1/repo1", "acme1/repo2"], page.Items.Select(r => r.FullPath).Order());
    }

    [Fact]
    public async Task Two_nodes_asking_at_once_mint_one_token_and_all_use_it()
    {
        await using var world = await HubWorld.StartAsync(Options());
        var app = await GitHubAppSim.StartAsync(world);
        var nodes = new[] { await world.StartWorkerAsync("gh-a", app.Settings), await world.StartWorkerAsync("gh-b", app.Settings) };

        var tokens = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => app.TokenAsync(nodes[i % 2]))));

        Assert.Single(tokens.Select(t => t.Token).Distinct());
        Assert.Equal(1, app.Mints(world));
        Assert.Equal(1, await world.CountAsync("SELECT count(*) FROM github_installation_tokens WHERE installation_id = $1", app.InstallationId));
    }

    [Fact]
    public async Task A_token_with_less_than_ten_minutes_left_is_replaced_ahead_of_its_expiry()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var world = await HubWorld.StartAsync(Options(clock));
        var app = await GitHubAppSim.StartAsync(world);
        var node = await world.StartWorkerAsync("gh-clock", app.Settings, s => s.AddSingleton<TimeProvider>(clock));
        var first = await app.TokenAsync(node);

        clock.Advance(first.ExpiresAt - clock.GetUtcNow() - TimeSpan.FromMinutes(11));
        Assert.Equal(first, await app.TokenAsync(node));
        Assert.Equal(1, app.Mints(world));

        clock.Advance(TimeSpan.FromMinutes(2)); // 9 minutes left
        var second = await app.TokenAsync(node);
        Assert.NotEqual(first.Token, second.Token);
        Assert.Equal(2, app.Mints(world));
        Assert.Equal(second.ExpiresAt, await world.ValueAsync<DateTimeOffset>(
            "SELECT expires_at FROM github_installation_tokens WHERE installation_id = $1", app.InstallationId));

        // Another node finds the new token in PostgreSQL instead of minting a third.
        var other = await world.StartWorkerAsync("gh-clock-2", app.Settings, s => s.AddSingleton<TimeProvider>(clock));
        Assert.Equal(second.Token, (await app.TokenAsync(other)).Token);
        Assert.Equal(2, app.Mints(world));
    }

    [Fact]
    public async Task The_token_row_in_PostgreSQL_holds_no_clear_token()
    {
        await using var world = await HubWorld.StartAsync(Options());
        var app = await GitHubAppSim.StartAsync(world);
        var node = await world.StartWorkerAsync("gh-row", app.Settings);
        var token = await app.TokenAsync(node);

        string stored = await world.ValueAsync<string>("SELECT token_protected FROM github_installation_tokens WHERE installation_id = $1", app.InstallationId);
        Assert.DoesNotContain(token.Token, stored);
        Assert.DoesNotContain(token.Token[4..20], stored);
        Assert.DoesNotContain("ghs_", stored);
        // Under its own purpose: the general secret protector cannot open it.
        Assert.ThrowsAny<CryptographicException>(() => world.Protector(node).Unprotect(stored));
    }
}
