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
        // The refresh call itself (the simulator's invalid_grant is a 400) under the token operation; the test's own call
        // with the expired token (401, then the refresh) opened no scope of a feature.
        Assert.Equal(1, meters.Sum("ihub.provider.calls", ("provider", "gitlab"), ("operation", "token"), ("outcome", "client_error")));
        Assert.Equal(1, meters.Sum("ihub.provider.calls", ("operation", "token")));
    }
}
