using IntegrationHub.Providers.Api;
using IntegrationHub.Tests.Telemetry;
using IntegrationHub.Tests.World;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Tests.GitHubApp;

/// <summary>A failed installation-token mint, counted exactly: alone, since the hub's meter is process-wide.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class InstallationTokenFailureTests
{
    [Fact]
    public async Task A_refused_mint_is_counted_and_logged_without_any_token()
    {
        var logs = new LogCapture();
        using var meters = MeterCapture.Start();
        await using var world = await HubWorld.StartAsync(InstallationTokenTests.Options());
        var app = await GitHubAppSim.StartAsync(world);
        var node = await world.StartWorkerAsync("gh-fail", app.Settings, s => s.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Information)));
        var good = await app.TokenAsync(node);

        var ex = await Assert.ThrowsAsync<ProviderApiException>(() => app.TokenAsync(node, installationId: app.InstallationId + 1000));

        Assert.Equal(ProviderApiErrorKind.NotFound, ex.Kind);
        Assert.Equal(1, meters.Sum("ihub.tokens.refresh.failures", ("provider", "github"), ("outcome", "error")));
        Assert.Contains(logs.Lines, l => l.Contains("Could not mint an installation token for installation " + (app.InstallationId + 1000), StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("Minted an installation token for installation " + app.InstallationId, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(good.Token, StringComparison.Ordinal) || l.Contains("eyJ", StringComparison.Ordinal));
        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM github_installation_tokens WHERE installation_id = $1", app.InstallationId + 1000));
    }
}
