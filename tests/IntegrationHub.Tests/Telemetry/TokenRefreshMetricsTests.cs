using IntegrationHub.ProviderAccess;
using IntegrationHub.Providers.Api;
using IntegrationHub.Secrets;
using IntegrationHub.Tests.World;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Telemetry;

/// <summary>A refresh the provider refuses is counted, by provider and outcome.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class TokenRefreshMetricsTests
{
    [Fact]
    public async Task A_refused_refresh_counts_one_token_refresh_failure_needing_reauthorization()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        await world.ConnectPlatformAsync(await world.SignedUpAsync("ada@a.test", "Tenant A"), "gitlab");
        var protector = world.Hub.Services.GetRequiredService<ISecretProtector>();
        var id = (await world.SingleConnectionAsync()).Id;
        await world.ExecAsync("UPDATE connections SET refresh_token_protected = $2, access_token_protected = $3 WHERE id = $1",
            id, protector.Protect("r-spent-or-revoked"), protector.Protect("glo-expired"));
        var c = await world.SingleConnectionAsync();
        using var meters = MeterCapture.Start();

        var api = await world.Hub.Services.GetRequiredService<IConnectionApis>().ForAsync(c, CancellationToken.None);
        await Assert.ThrowsAsync<ProviderApiException>(() => api.GetCurrentUserAsync(CancellationToken.None));

        Assert.Equal(1, meters.Sum("ihub.tokens.refresh.failures", ("provider", "gitlab"), ("outcome", "needs_reauthorization")));
        Assert.Equal(1, meters.Sum("ihub.tokens.refresh.failures"));
    }
}
